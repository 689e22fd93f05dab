/**
 * @module handoff/queue
 * Queue order and the honest wait estimate. Order: emergencies first, then priority groups (elderly, disabled,
 * minor, migrant_worker, military), then arrival.
 */
import type { HandoffSummary, Ticket } from './handoff-types.js';
import type { CitizenGroup } from '../vocabulary.js';

/** Groups served before other citizens (after emergencies). */
export const PRIORITY_GROUPS = ['elderly', 'disabled', 'minor', 'migrant_worker', 'military'] as const satisfies readonly CitizenGroup[];

export const PRIORITY = { emergency: 0, group: 1, normal: 2 } as const;

/**
 * Priority of a request from what the bot understood.
 * @example priorityOf({ risk: null, groups: ['elderly'] }) // { priority: 1, reason: 'elderly' }
 */
export function priorityOf(summary: Pick<HandoffSummary, 'risk' | 'groups'>): { priority: number; reason: string | null } {
  if (summary.risk === 'emergency') return { priority: PRIORITY.emergency, reason: 'emergency' };
  const group = PRIORITY_GROUPS.find((g) => summary.groups.includes(g));
  return group ? { priority: PRIORITY.group, reason: group } : { priority: PRIORITY.normal, reason: null };
}

/** Sort order of waiting tickets. */
export function compareTickets(a: Pick<Ticket, 'priority' | 'createdAt' | 'id'>, b: Pick<Ticket, 'priority' | 'createdAt' | 'id'>): number {
  return a.priority - b.priority || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Fewer recent acceptances than this and the estimate would be a guess: say it cannot be estimated. */
export const MIN_WAIT_SAMPLES = 3;

/**
 * Estimated wait (ms) for the ticket at `position` (1-based): the median of recent arrival-to-acceptance times,
 * once per round of lawyers on duty ahead of it. Null when there is too little history or nobody on duty.
 */
export function estimateWait(recentWaits: number[], position: number, lawyersOnDuty: number): number | null {
  if (recentWaits.length < MIN_WAIT_SAMPLES || lawyersOnDuty < 1 || position < 1) return null;
  const sorted = [...recentWaits].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return median * Math.ceil(position / lawyersOnDuty);
}
