/**
 * @module tools/bench/synthetic-traffic
 * A year of made-up service traffic for measuring the dashboard: conversations on every channel with their
 * questions (topic, intent, county, who answered, a few emergencies), hand-offs with their waits, ratings with
 * comments, callbacks, eligibility checks, pre-applications with their decisions, and answer votes. Deterministic
 * (a seeded generator), written a month at a time through storage/bulk-insert.ts, the consultation rollup rebuilt after. Nothing here is real data; the
 * shares are plausible guesses, chosen so that every view has work to do.
 */
import { MATTER_CHOICES } from '../../bot/dialogs/eligibility-questions.js';
import type { Region } from '../../config/region.js';
import { chinaDay, chinaDayStart } from '../../stats/china-day.js';
import { bulkInsert } from '../../storage/bulk-insert.js';
import { rebuildConsultationRollup } from '../../storage/consultation-rollup.js';
import type { SqlClient, SqlValue } from '../../storage/sql-client.js';
import { TOPIC_LABELS } from '../../vocabulary.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The generator's shares (per conversation unless said otherwise). */
export const TRAFFIC_SHARES = {
  questionsPerConversation: [1, 1, 1, 2, 2, 3], handoff: 0.08, accepted: 0.85, rated: 0.5, comment: 0.2, callbackOfUnaccepted: 0.4,
  emergency: 0.005, check: 0.06, preapplicationOfCheck: 0.25, decidedOfPreapplication: 0.7, vote: 0.1, voteComment: 0.15,
} as const;

const CHANNELS = ['directline', 'directline', 'wechat', 'wechat', 'wechat', 'api'];
const INTENTS = ['consult', 'consult', 'consult', 'consult', 'legal_aid', 'mediation', 'notary', 'find_lawyer', 'institution_lookup', 'progress'];
const OUTCOMES = ['bot', 'bot', 'bot', 'bot', 'bot', 'bot', 'bot', 'clarified', 'unanswered', 'unanswered'];
const DECISIONS = ['eligible', 'not_eligible', 'needs_review'];

/** mulberry32: small, fast and seeded, so two runs generate the same year. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

export interface SyntheticYear { from: string; to: string; conversations: number; rows: Record<string, number>; ms: number }

/**
 * Writes `conversations` conversations spread over the 365 days ending on `lastDay` (China dates).
 * @example await writeSyntheticYear(sql, region, { conversations: 500_000, lastDay: '2026-12-04' })
 */
export async function writeSyntheticYear(sql: SqlClient, region: Region, options: { conversations: number; lastDay: string; seed?: number }): Promise<SyntheticYear> {
  const started = performance.now();
  const r = random(options.seed ?? 14);
  const S = TRAFFIC_SHARES;
  const firstMs = chinaDayStart(options.lastDay) - 364 * DAY_MS;
  const counties = region.counties;
  const matters = MATTER_CHOICES.map(([m]) => m);
  const totals: Record<string, number> = {};
  let serial = 0;
  const MONTHS = 12;
  for (let month = 0; month < MONTHS; month++) {
    const t: Record<'consultations' | 'eligibility_checks' | 'handoff_tickets' | 'handoff_ratings' | 'handoff_callbacks' | 'preapplications'
      | 'preapplication_history' | 'answer_feedback', SqlValue[][]> = {
      consultations: [], eligibility_checks: [], handoff_tickets: [], handoff_ratings: [], handoff_callbacks: [],
      preapplications: [], preapplication_history: [], answer_feedback: [],
    };
    const n = Math.floor(options.conversations / MONTHS) + (month < options.conversations % MONTHS ? 1 : 0);
    const monthStart = firstMs + Math.floor((month * 365) / MONTHS) * DAY_MS;
    const monthDays = Math.floor(((month + 1) * 365) / MONTHS) - Math.floor((month * 365) / MONTHS);
    for (let i = 0; i < n; i++) {
      const id = `syn-${++serial}`;
      const at = monthStart + Math.floor(r.next() * monthDays * DAY_MS);
      const day = chinaDay(at);
      const channel = r.pick(CHANNELS);
      const county = r.chance(0.7) ? r.pick(counties) : null;
      const topic = r.pick(TOPIC_LABELS);
      const emergency = r.chance(S.emergency);
      const handoff = channel !== 'api' && (emergency || r.chance(S.handoff));
      const questions = r.pick(S.questionsPerConversation);
      for (let q = 0; q < questions; q++) {
        const last = q === questions - 1;
        const intent = r.pick(INTENTS);
        t.consultations.push([at + q * 60_000, day, channel, id, intent, intent === 'progress' ? null : topic, county?.name ?? null,
          handoff && last ? 'handed_off' : r.pick(OUTCOMES), emergency && q === 0 ? 'emergency' : null]);
      }
      if (handoff) {
        const ticket = `t-${serial}`;
        const created = at + questions * 60_000;
        const accepted = r.chance(S.accepted);
        // Waits: mostly seconds, a long tail of minutes.
        const wait = Math.round(1000 * (r.chance(0.8) ? 2 + r.next() * 28 : 30 + r.next() * r.next() * 600));
        const status = accepted ? 'closed' : r.chance(S.callbackOfUnaccepted) ? 'callback' : r.pick(['cancelled', 'expired']);
        t.handoff_tickets.push([ticket, channel, id, emergency ? 'emergency' : 'citizen_request', status, emergency ? 0 : 2, topic, county?.id ?? null,
          'mandarin', '{}', '[]', created, accepted ? created + wait : null, created + wait + 600_000]);
        if (accepted && r.chance(S.rated)) {
          const score = r.pick([5, 5, 5, 4, 4, 3, 2, 1]);
          t.handoff_ratings.push([ticket, 'duty1', topic, county?.id ?? null, score, r.chance(S.comment) ? `律师解答${score >= 4 ? '很清楚' : '不够具体'}` : null, created + wait + 900_000]);
        }
        if (status === 'callback') {
          const closed = r.chance(0.9) ? created + Math.round(r.next() * 3 * DAY_MS) : null;
          t.handoff_callbacks.push([ticket, '13800000000', '明天上午', topic, county?.id ?? null, created, closed ? 'done' : 'open', closed]);
        }
      }
      if (r.chance(S.check)) {
        const decision = r.pick(DECISIONS);
        t.eligibility_checks.push([at, day, channel, id, county?.name ?? null, decision, decision === 'needs_review' ? 'unknown' : 'passed']);
        if (decision !== 'not_eligible' && r.chance(S.preapplicationOfCheck)) {
          const ref = `LA-SYN-${serial}`;
          const decided = r.chance(S.decidedOfPreapplication);
          const decidedAt = at + Math.round((0.5 + r.next() * 9) * DAY_MS);
          const status = decided ? r.pick(['accepted', 'accepted', 'rejected']) : r.pick(['submitted', 'under_review']);
          t.preapplications.push([ref, '某某', '13800000000', county?.name ?? null, r.pick(matters), '合成数据', '{}', status, id, channel, at, decided ? decidedAt : at]);
          t.preapplication_history.push([ref, at, 'citizen', null, 'submitted', null]);
          if (status !== 'submitted') t.preapplication_history.push([ref, at + DAY_MS / 4, 'agent', 'submitted', 'under_review', null]);
          if (decided) t.preapplication_history.push([ref, decidedAt, 'agent', 'under_review', status, null]);
        }
      }
      if (r.chance(S.vote)) {
        const helpful = r.chance(0.7);
        t.answer_feedback.push([id, '合成问题', helpful ? 1 : 0, r.chance(S.voteComment) ? (helpful ? '有帮助' : '没说到点子上') : null, at + 30_000, day]);
      }
    }
    for (const [table, rows] of Object.entries(t)) {
      await bulkInsert(sql, table as keyof typeof t, rows);
      totals[table] = (totals[table] ?? 0) + rows.length;
    }
  }
  // The questions went in by the thousand, around the service log: count them ahead as it would have.
  await rebuildConsultationRollup(sql);
  return { from: chinaDay(firstMs), to: options.lastDay, conversations: options.conversations, rows: totals, ms: performance.now() - started };
}
