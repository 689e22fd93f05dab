/**
 * @module handoff/assignment
 * Picks the lawyer to offer a ticket to. Only lawyers who are online, on shift and under capacity, and who did
 * not already let this ticket's offer time out, are candidates. Among them the best match wins (topic, then
 * county, then language; `*` matches anything), then the least loaded, then the username (stable).
 * Matching is a preference, not a filter: a waiting citizen is better served by any duty lawyer than by none.
 */
import type { Presence, Ticket } from './handoff-types.js';
import { ANY, type Lawyer } from './roster.js';
import { isOnShift } from './schedule.js';

export interface LawyerState {
  presence: Map<string, { status: Presence }>;
  /** Chats held plus pending offers, by lower-case username. */
  loads: Map<string, number>;
}

const key = (username: string) => username.toLowerCase();

/** How well a lawyer fits a ticket: topic 4, county 2, language 1. */
export function matchScore(lawyer: Lawyer, ticket: Pick<Ticket, 'topic' | 'county' | 'language'>): number {
  const topic = lawyer.topics.includes(ANY) || (ticket.topic !== null && (lawyer.topics as string[]).includes(ticket.topic));
  const county = lawyer.counties.includes(ANY) || (ticket.county !== null && lawyer.counties.includes(ticket.county));
  const language = lawyer.languages.includes(ticket.language);
  return (topic ? 4 : 0) + (county ? 2 : 0) + (language ? 1 : 0);
}

/** Lawyers on shift at `now` whose presence is not offline (the "on duty" count citizens are told about). */
export function lawyersOnDuty(lawyers: Lawyer[], state: Pick<LawyerState, 'presence'>, now: number): Lawyer[] {
  return lawyers.filter((l) => (state.presence.get(key(l.username))?.status ?? 'offline') !== 'offline' && isOnShift(l.schedule, now));
}

/** True when the lawyer can take one more chat now. */
export function isAvailable(lawyer: Lawyer, state: LawyerState, now: number): boolean {
  return state.presence.get(key(lawyer.username))?.status === 'online'
    && isOnShift(lawyer.schedule, now)
    && (state.loads.get(key(lawyer.username)) ?? 0) < lawyer.capacity;
}

/**
 * The lawyer to offer `ticket` to, or null when nobody can take it now.
 * @example chooseLawyer(ticket, roster, { presence, loads }, Date.now())
 */
export function chooseLawyer(
  ticket: Pick<Ticket, 'topic' | 'county' | 'language' | 'missedBy'>, lawyers: Lawyer[], state: LawyerState, now: number,
): Lawyer | null {
  const missed = new Set(ticket.missedBy.map(key));
  let best: { lawyer: Lawyer; score: number; load: number } | null = null;
  for (const lawyer of lawyers) {
    if (missed.has(key(lawyer.username)) || !isAvailable(lawyer, state, now)) continue;
    const score = matchScore(lawyer, ticket);
    const load = state.loads.get(key(lawyer.username)) ?? 0;
    if (!best || score > best.score || (score === best.score && (load < best.load || (load === best.load && lawyer.username < best.lawyer.username)))) {
      best = { lawyer, score, load };
    }
  }
  return best?.lawyer ?? null;
}
