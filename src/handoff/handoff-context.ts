/**
 * @module handoff/handoff-context
 * What every part of the hand-off module shares: the store, the relay, the clock, the region, the recogniser,
 * the settings and a cached roster.
 */
import { randomBytes } from 'node:crypto';
import type { Region } from '../config/region.js';
import type { Logger } from '../logging/logger.js';
import type { HandoffSummary } from './handoff-types.js';
import type { HandoffStore } from './handoff-store.js';
import type { Recognise } from './handoff-summary.js';
import type { Relay } from './relay.js';
import type { Lawyer } from './roster.js';

/** Time source; tests pass a clock they move by hand, so no test waits for a real timer. */
export interface Clock { now(): number }
export const systemClock: Clock = { now: () => Date.now() };

export interface HandoffSettings {
  /** An offer not accepted within this moves to the next lawyer. */
  offerTimeoutMs: number;
  /** A lawyer not heard from (console polls count) for this long goes offline. */
  idleTimeoutMs: number;
  /** A ticket nobody accepted within this ends, and the citizen is told. */
  queueTimeoutMs: number;
  /** Acceptances younger than this feed the wait estimate. */
  waitHistoryMs: number;
  /** At most this many recent acceptances feed the wait estimate. */
  waitSamples: number;
}

export const DEFAULT_SETTINGS: HandoffSettings = {
  offerTimeoutMs: 30_000,
  idleTimeoutMs: 5 * 60_000,
  queueTimeoutMs: 2 * 3600_000,
  waitHistoryMs: 24 * 3600_000,
  waitSamples: 20,
};

export interface HandoffContext {
  store: HandoffStore;
  relay: Relay;
  clock: Clock;
  region: Region;
  log: Logger;
  recognise?: Recognise;
  settings: HandoffSettings;
  /** The roster (cached until {@link HandoffContext.rosterChanged}). */
  roster(): Lawyer[];
  lawyer(username: string): Lawyer | undefined;
  rosterChanged(): void;
  newTicketId(): string;
}

/** Builds the shared context. */
export function createHandoffContext(parts: Omit<HandoffContext, 'roster' | 'lawyer' | 'rosterChanged' | 'newTicketId'>): HandoffContext {
  let cache: { version: string; lawyers: Lawyer[] } | null = null;
  const core: HandoffContext = {
    ...parts,
    // Re-read when the table changed, also by another process (`lawline roster import` while the server runs).
    roster: () => {
      const version = parts.store.rosterVersion();
      if (cache?.version !== version) cache = { version, lawyers: parts.store.lawyers() };
      return cache.lawyers;
    },
    lawyer: (username) => core.roster().find((l) => l.username.toLowerCase() === username.toLowerCase()),
    rosterChanged: () => { cache = null; },
    // Short, unguessable, and sortable enough for people reading a log: H + base36 time + random.
    newTicketId: () => `H${parts.clock.now().toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`,
  };
  return core;
}

/** An empty summary (escalations fill in what the agent wrote). */
export function emptySummary(): HandoffSummary {
  return { intent: null, topic: null, topicConfidence: null, risk: null, entities: [], groups: [], county: null, eligibility: null };
}
