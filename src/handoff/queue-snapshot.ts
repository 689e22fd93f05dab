/**
 * @module handoff/queue-snapshot
 * The lawyer console's queue: what an item shows ({@link queueItem}, {@link mineItem}) and the queue of every
 * account at one instant, built once for many consoles ({@link createQueueSnapshots}), which the push stream
 * sends whole or diffs against what a console was last sent.
 */
import { findCounty, type Region } from '../config/region.js';
import { isOnShift } from './schedule.js';
import type { HandoffContext } from './handoff-context.js';
import type { Ticket } from './handoff-types.js';

const countyName = (region: Region, id: string | null) => (id ? findCounty(region, id)?.name ?? id : null);
const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/** What the queue shows about a ticket: no transcript, no personal data. */
export function queueItem(t: Ticket, position: number, now: number, me: string, region: Region) {
  return {
    id: t.id, position, status: t.status, priority: t.priority, priorityReason: t.priorityReason, reason: t.reason,
    topic: t.topic, county: t.county, countyName: countyName(region, t.county), language: t.language, channelId: t.channelId, waitingMs: now - t.createdAt,
    offeredToMe: same(t.offeredTo, me), offerExpiresAt: same(t.offeredTo, me) ? t.offerExpiresAt : null,
  };
}

/** What "my chats" shows about an assigned ticket. */
export const mineItem = (t: Ticket, region: Region) =>
  ({ id: t.id, topic: t.topic, county: t.county, countyName: countyName(region, t.county), assignedAt: t.assignedAt, lastCitizenAt: t.lastCitizenAt, channelId: t.channelId });

/**
 * The queue of every account at one instant, built once for many consoles: each waiting ticket is serialised
 * once and only the item offered to an account is written again for it. `json(username)` is the text of
 * `queue(username)`; the other fields let a stream diff it against what a console was last sent (queue-delta).
 */
export interface QueueSnapshot {
  json(username: string): string;
  /** Waiting ticket ids in queue order, and each one's index. */
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
  /**
   * Per ticket (same index as `ids`), its item but for id, position, waiting time and offer. A ticket whose body
   * did not change since the previous snapshot has the very same string, so comparing is cheap.
   */
  bodies: readonly string[];
  /** Ticket id → offer expiry of the tickets offered to the account. */
  offers(username: string): ReadonlyMap<string, number | null>;
  /** The item at `i` as the account sees it (JSON text). */
  item(i: number, username: string): string;
  /** `"presence":…,"onShift":…,"capacity":…` of the account. */
  header(username: string): string;
  /** The JSON of the account's chats. */
  mine(username: string): string;
}

const NO_OFFERS: ReadonlyMap<string, number | null> = new Map();

/** Returns the snapshot builder of `core`; it keeps the previous snapshot's bodies to hand out the same strings. */
export function createQueueSnapshots(core: HandoffContext): () => QueueSnapshot {
  let previous = new Map<string, string>();
  // The store's tickets are frozen and replaced when they change, so a ticket object's body never changes.
  const known = new WeakMap<Ticket, string>();
  const bodyOf = (t: Ticket, region: Region) => {
    let body = known.get(t);
    if (body !== undefined) return body;
    // queueItem without id, position and its last three keys (waitingMs, offeredToMe, offerExpiresAt).
    const { id: _i, position: _p, waitingMs: _w, offeredToMe: _o, offerExpiresAt: _e, ...rest } = queueItem(t, 0, 0, '', region);
    const text = JSON.stringify(rest).slice(1, -1);
    const before = previous.get(t.id);
    body = before === text ? before : text;
    if (Object.isFrozen(t)) known.set(t, body);
    return body;
  };
  return function queueSnapshot(): QueueSnapshot {
    const { store, region } = core;
    const now = core.clock.now();
    const tickets = store.queue();
    const presence = store.presence();
    const roster = new Map(core.roster().map((l) => [l.username.toLowerCase(), l]));
    const ids: string[] = [];
    const index = new Map<string, number>();
    const bodies: string[] = [];
    const offered = new Map<string, Map<string, number | null>>();
    const bodyById = new Map<string, string>();
    for (const [i, t] of tickets.entries()) {
      const body = bodyOf(t, region);
      ids.push(t.id);
      index.set(t.id, i);
      bodies.push(body);
      bodyById.set(t.id, body);
      if (t.offeredTo) {
        const who = t.offeredTo.toLowerCase();
        if (!offered.has(who)) offered.set(who, new Map());
        offered.get(who)!.set(t.id, t.offerExpiresAt);
      }
    }
    previous = bodyById;
    // Items are written out only when sent: a delta needs a few, a full event all of them.
    const head = (i: number) => `{"id":${JSON.stringify(ids[i])},"position":${i + 1},${bodies[i]},"waitingMs":${now - tickets[i]!.createdAt}`;
    const plain = (i: number) => `${head(i)},"offeredToMe":false,"offerExpiresAt":null}`;
    let queue: string | undefined;
    let mine: Map<string, string> | undefined;
    const mineOf = (who: string) => {
      if (!mine) {
        const byLawyer = new Map<string, Ticket[]>();
        for (const t of store.byStatus('assigned').sort((a, b) => (a.assignedAt ?? 0) - (b.assignedAt ?? 0))) {
          const key = (t.lawyer ?? '').toLowerCase();
          byLawyer.set(key, [...(byLawyer.get(key) ?? []), t]);
        }
        mine = new Map([...byLawyer].map(([key, list]) => [key, JSON.stringify(list.map((t) => mineItem(t, region)))]));
      }
      return mine.get(who) ?? '[]';
    };
    const header = (who: string) => {
      const lawyer = roster.get(who);
      return `"presence":${JSON.stringify(presence.get(who)?.status ?? 'offline')},"onShift":${lawyer ? isOnShift(lawyer.schedule, now) : false},"capacity":${lawyer?.capacity ?? 0}`;
    };
    const offers = (who: string) => offered.get(who) ?? NO_OFFERS;
    const item = (i: number, who: string) => {
      const expires = offers(who).get(ids[i]!);
      return expires === undefined ? plain(i) : `${head(i)},"offeredToMe":true,"offerExpiresAt":${JSON.stringify(expires)}}`;
    };
    return {
      ids, index, bodies,
      offers: (username) => offers(username.toLowerCase()),
      item: (i, username) => item(i, username.toLowerCase()),
      header: (username) => header(username.toLowerCase()),
      mine: (username) => mineOf(username.toLowerCase()),
      json(username) {
        const who = username.toLowerCase();
        // The text without offers is shared; an account with an offer gets its own copy.
        const text = offers(who).size ? ids.map((_, i) => item(i, who)).join(',') : (queue ??= ids.map((_, i) => plain(i)).join(','));
        return `{${header(who)},"queue":[${text}],"mine":${mineOf(who)}}`;
      },
    };
  };
}
