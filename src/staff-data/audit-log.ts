/**
 * @module staff-data/audit-log
 * What `GET /api/v1/audit` lists: staff actions from every audit table, newest first, filtered by actor, action
 * and period (China dates), a page at a time. An action is a family (`login`, `handoff`, `transcript`,
 * `knowledge`, `staff_data`) or one event of it (`login.failure`, `handoff.accepted`, `transcript.view` …).
 */
import { z } from 'zod';
import { isoDateSchema } from '../config/today.js';
import { formatZodIssues, InputError } from '../errors.js';
import { chinaDayStart } from '../stats/china-day.js';
import type { AuditListQuery, AuditRepository, AuditRow, AuditSources } from '../storage/repositories/audit-repository.js';

export const AUDIT_FAMILIES = ['login', 'handoff', 'transcript', 'knowledge', 'staff_data'] as const;
type Family = (typeof AUDIT_FAMILIES)[number];
/** The events of the families whose events are fixed (hand-off events are whatever the hand-off records). */
const FIXED_EVENTS: Partial<Record<Family, readonly string[]>> = {
  login: ['success', 'failure', 'locked', 'refused'],
  transcript: ['view'],
  knowledge: ['edit'],
  staff_data: ['edit'],
};

/** The actions one can filter by, as the audit page shows them (sent with every page, so labels live here only). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: '登录（全部）',
  'login.success': '登录成功',
  'login.failure': '登录失败（密码错误）',
  'login.locked': '账号被锁定',
  'login.refused': '锁定或限流期间被拒绝',
  handoff: '转人工（状态变化等）',
  transcript: '查看对话记录',
  knowledge: '知识库修改',
  staff_data: '工作数据修改（案例、机构名录、经济困难标准）',
};

/** How far back paging goes (each table is read up to the page's end): older rows are reached by narrowing the period. */
const MAX_OFFSET = 10_000;

export const auditQuerySchema = z.object({
  actor: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  action: z.string().trim()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/, `expected a family (${AUDIT_FAMILIES.join(', ')}) or family.event, e.g. login.failure`)
    .refine((a) => (AUDIT_FAMILIES as readonly string[]).includes(a.split('.')[0]!), `the family must be one of ${AUDIT_FAMILIES.join(', ')}`)
    .refine((a) => {
      const [family, event] = a.split('.') as [Family, string | undefined];
      return event === undefined || !FIXED_EVENTS[family] || FIXED_EVENTS[family]!.includes(event);
    }, `unknown event; login has ${FIXED_EVENTS.login!.join(', ')}; transcript.view, knowledge.edit, staff_data.edit`)
    .optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  limit: z.coerce.number({ invalid_type_error: 'expected a number' }).int('must be a whole number').min(1).max(200).default(50),
  offset: z.coerce.number({ invalid_type_error: 'expected a number' }).int('must be a whole number').min(0).max(MAX_OFFSET, `must be at most ${MAX_OFFSET} (narrow the period or the filters to go further back)`).default(0),
}).strict();

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  /** What was acted on: a ticket id, a conversation, `case:<id>`, `office:<id>`, `hardship_standard`… */
  subject: string | null;
  /** Details as recorded (JSON when it was JSON): the client IP and reason of a login attempt, a hand-off event's detail. */
  detail: unknown;
  oldValue: unknown;
  newValue: unknown;
}

export interface AuditPage { entries: AuditEntry[]; limit: number; offset: number; nextOffset: number | null; actions: Record<string, string> }

const DAY_MS = 24 * 60 * 60 * 1000;

/** JSON text as its value; anything else as it is. */
const value = (text: string | null): unknown => {
  if (text === null) return null;
  try { return JSON.parse(text); } catch { return text; }
};

const staffDataAction = (subject: string | null) =>
  subject?.startsWith('transcript:') ? 'transcript.view' : subject?.startsWith('knowledge:') ? 'knowledge.edit' : 'staff_data.edit';

const actionOf = (r: AuditRow) =>
  r.source === 'login' ? `login.${r.event}` : r.source === 'handoff' ? `handoff.${r.event}` : staffDataAction(r.subject);

/** The hand-off audit records the citizen's own steps too (actor `citizen`); they are not staff actions. */
const CITIZEN = 'citizen';

/** The tables an action filter reads. */
function sourcesFor(action: string | undefined, actor: string | undefined): AuditSources {
  // Asked for by name, the citizen's rows are shown.
  const handoff = { notActor: actor === undefined ? CITIZEN : undefined };
  if (action === undefined) return { login: {}, handoff, staffData: {} };
  const [family, event] = action.split('.') as [Family, string | undefined];
  switch (family) {
    case 'login': return { login: { event } };
    case 'handoff': return { handoff: { ...handoff, event } };
    case 'transcript': return { staffData: { kind: 'transcript' } };
    case 'knowledge': return { staffData: { kind: 'knowledge' } };
    case 'staff_data': return { staffData: { kind: 'other' } };
  }
}

/**
 * @throws InputError naming the parameter
 * @example await listAudit(repo, { actor: 'boss', action: 'login.failure', from: '2026-12-01' })
 */
export async function listAudit(repo: AuditRepository, raw: unknown): Promise<AuditPage> {
  const parsed = auditQuerySchema.safeParse(raw);
  if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
  const { actor, action, from, to, limit, offset } = parsed.data;
  if (from && to && from > to) throw new InputError(`to: must not be before from (${from})`);
  const query: AuditListQuery = {
    sources: sourcesFor(action, actor), actor, limit, offset,
    fromMs: from ? chinaDayStart(from) : undefined,
    toMs: to ? chinaDayStart(to) + DAY_MS : undefined,
  };
  const { rows, more } = await repo.list(query);
  return {
    entries: rows.map((r) => ({
      at: new Date(r.at).toISOString(), actor: r.actor, action: actionOf(r), subject: r.subject,
      detail: value(r.detail), oldValue: value(r.oldValue), newValue: value(r.newValue),
    })),
    limit, offset, nextOffset: more && offset + limit <= MAX_OFFSET ? offset + limit : null, actions: AUDIT_ACTION_LABELS,
  };
}
