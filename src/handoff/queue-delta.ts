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
 */
import type { QueueSnapshot } from './queue-snapshot.js';

/** One console's view as last sent. */
export interface ConsoleView {
  order: readonly string[];
  /** Ticket id → the body last sent (the snapshot's string, so equal bodies are usually the same object). */
  bodies: Map<string, string>;
  /** Ticket id → expiry, for the tickets last sent as offered to this account. */
  offers: ReadonlyMap<string, number | null>;
  header: string;
  mine: string;
}

/** The view of an account that was just sent `snapshot.json(username)`. */
export function fullView(snapshot: QueueSnapshot, username: string): ConsoleView {
  const bodies = new Map<string, string>();
  snapshot.ids.forEach((id, i) => bodies.set(id, snapshot.bodies[i]!));
  return { order: snapshot.ids, bodies, offers: snapshot.offers(username), header: snapshot.header(username), mine: snapshot.mine(username) };
}

/**
 * The delta from `view` to `snapshot` for `username` as JSON text, or null when the console would show the same
 * (but for waiting times); `view` is updated to the snapshot either way.
 */
export function queueDelta(view: ConsoleView, snapshot: QueueSnapshot, username: string): string | null {
  const { ids, bodies, index } = snapshot;
  const offers = snapshot.offers(username);
  const upsert: string[] = [];
  const remove: string[] = [];
  for (const id of view.order) {
    if (!index.has(id)) {
      remove.push(id);
      view.bodies.delete(id);
    }
  }
  // In order unless an id the console knew comes after a new one or out of its old sequence.
  let reordered = false;
  let appended = false;
  let j = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const before = view.bodies.get(id);
    if (before === undefined) {
      appended = true;
      upsert.push(snapshot.item(i, username));
    } else {
      while (j < view.order.length && !index.has(view.order[j]!)) j++;
      if (appended || view.order[j] !== id) reordered = true;
      j++;
      if (before !== bodies[i] || offers.get(id) !== view.offers.get(id) || offers.has(id) !== view.offers.has(id)) upsert.push(snapshot.item(i, username));
    }
    if (before !== bodies[i]) view.bodies.set(id, bodies[i]!);
  }
  const header = snapshot.header(username);
  const mine = snapshot.mine(username);
  const changed = upsert.length || remove.length || reordered || header !== view.header || mine !== view.mine;
  const text = !changed ? null
    : `{${header},"upsert":[${upsert.join(',')}],"remove":${JSON.stringify(remove)}${reordered ? `,"order":${JSON.stringify(ids)}` : ''}${mine !== view.mine ? `,"mine":${mine}` : ''}}`;
  view.order = ids;
  view.offers = offers;
  view.header = header;
  view.mine = mine;
  return text;
}
