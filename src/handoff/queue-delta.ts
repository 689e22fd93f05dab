/**
 * @module handoff/queue-delta
 * What one console was last sent, and the change to send it next: the queue stream's `event: queue-delta`.
 *
 * A delta is `{"presence","onShift","capacity", "upsert":[items], "remove":[ids], "order"?:[ids], "mine"?:[chats]}`:
 * `upsert` holds the items (same shape as in `GET /handoff/queue`) that are new or whose content or offer to this
 * account changed, in queue order; `remove` the ids no longer waiting. The waiting time alone never makes an item
 * change, and neither does its position: the console numbers items by their order, which is the previous order
 * without the removed ids and with the new ones appended, unless `order` (every waiting id, in queue order) is
 * given because a ticket went ahead of others (an emergency, a raised priority). `mine` comes only when it changed.
 *
 * The queue part of a delta is the same for every console that was sent the same snapshot, so it is worked out
 * once per push round; per console only its offers, header and chats are compared.
 */
import type { QueueSnapshot } from './queue-snapshot.js';

/** One console's view as last sent. */
export interface ConsoleView {
  /** The snapshot whose queue the console was last sent. */
  base: QueueSnapshot;
  /** Ticket id → expiry, for the tickets last sent as offered to this account. */
  offers: ReadonlyMap<string, number | null>;
  header: string;
  mine: string;
}

/** The queue's change from one snapshot to the next, the same for all consoles. */
interface QueueChange { remove: string[]; reordered: boolean; changed: number[] }

/** Per new snapshot, the change from the snapshot most consoles were on (all of them, but after a recovery). */
const changes = new WeakMap<QueueSnapshot, { from: QueueSnapshot; change: QueueChange }>();

function queueChange(from: QueueSnapshot, to: QueueSnapshot): QueueChange {
  const memo = changes.get(to);
  if (memo?.from === from) return memo.change;
  const remove = from.ids.filter((id) => !to.index.has(id));
  const changed: number[] = [];
  // In order unless an id the console knew comes after a new one or out of its old sequence.
  let reordered = false;
  let appended = false;
  let j = 0;
  for (let i = 0; i < to.ids.length; i++) {
    const id = to.ids[i]!;
    const at = from.index.get(id);
    if (at === undefined) {
      appended = true;
      changed.push(i);
      continue;
    }
    while (j < from.ids.length && !to.index.has(from.ids[j]!)) j++;
    if (appended || j !== at) reordered = true;
    j++;
    if (from.bodies[at] !== to.bodies[i]) changed.push(i);
  }
  const change = { remove, reordered, changed };
  changes.set(to, { from, change });
  return change;
}

/** The view of an account that was just sent `snapshot.json(username)`. */
export function fullView(snapshot: QueueSnapshot, username: string): ConsoleView {
  return { base: snapshot, offers: snapshot.offers(username), header: snapshot.header(username), mine: snapshot.mine(username) };
}

/**
 * The delta from `view` to `snapshot` for `username` as JSON text, or null when the console would show the same
 * (but for waiting times); `view` is moved on to the snapshot either way.
 */
export function queueDelta(view: ConsoleView, snapshot: QueueSnapshot, username: string): string | null {
  const { remove, reordered, changed } = queueChange(view.base, snapshot);
  const offers = snapshot.offers(username);
  let upsert = changed;
  if (offers.size || view.offers.size) {
    // An item offered to this account, or no longer, is resent with its offer fields.
    const more = new Set(changed);
    for (const [id, expires] of offers) if (view.offers.get(id) !== expires || !view.offers.has(id)) more.add(snapshot.index.get(id)!);
    for (const id of view.offers.keys()) if (!offers.has(id) && snapshot.index.has(id)) more.add(snapshot.index.get(id)!);
    if (more.size > changed.length) upsert = [...more].sort((a, b) => a - b);
  }
  const header = snapshot.header(username);
  const mine = snapshot.mine(username);
  const text = !upsert.length && !remove.length && !reordered && header === view.header && mine === view.mine ? null
    : `{${header},"upsert":[${upsert.map((i) => snapshot.item(i, username)).join(',')}],"remove":${JSON.stringify(remove)}`
      + `${reordered ? `,"order":${JSON.stringify(snapshot.ids)}` : ''}${mine !== view.mine ? `,"mine":${mine}` : ''}}`;
  view.base = snapshot;
  view.offers = offers;
  view.header = header;
  view.mine = mine;
  return text;
}
