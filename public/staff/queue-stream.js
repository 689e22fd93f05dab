// @ts-check
/**
 * @module public/staff/queue-stream
 * The duty-lawyer queue's push stream: GET /api/v1/handoff/queue/stream read with fetch (EventSource cannot
 * send the bearer token), Server-Sent Events frames parsed across chunk boundaries, reconnects with backoff.
 * The first event is the whole queue (`queue`), later ones only what changed (`queue-delta`): createView() keeps
 * the items by id and rebuilds the queue of GET /handoff/queue from both.
 * No DOM here: the bench and the tests import this very module in Node.
 */

const RETRY_MS = [1000, 2000, 5000, 10000, 30000];

/**
 * A waiting ticket as the queue shows it (src/handoff/queue-snapshot.ts, queueItem).
 * @typedef {object} QueueItem
 * @property {string} id
 * @property {number} position
 * @property {string} status
 * @property {number} priority
 * @property {string | null} priorityReason
 * @property {string | null} topic
 * @property {string | null} county
 * @property {string | null} countyName
 * @property {string} language
 * @property {string} channelId
 * @property {number} waitingMs
 * @property {boolean} offeredToMe
 * @property {number | null} offerExpiresAt
 */

/**
 * One of the lawyer's own chats (queue-snapshot.ts, mineItem).
 * @typedef {object} MineItem
 * @property {string} id
 * @property {string | null} topic
 * @property {string | null} county
 * @property {string | null} countyName
 * @property {string} channelId
 */

/**
 * The queue as GET /handoff/queue gives it, and as the `queue` event carries it.
 * @typedef {object} Queue
 * @property {string} presence
 * @property {boolean} onShift
 * @property {number} capacity
 * @property {QueueItem[]} queue
 * @property {MineItem[]} mine
 */

/**
 * What changed since the last queue event: items removed and upserted, the new order when it changed.
 * @typedef {object} QueueDelta
 * @property {string} presence
 * @property {boolean} onShift
 * @property {number} capacity
 * @property {MineItem[]} [mine]
 * @property {string[]} remove
 * @property {QueueItem[]} upsert
 * @property {string[]} [order]
 */

/**
 * Splits SSE text into frames, calling onEvent(name, data) for each; returns the unfinished rest.
 * @param {string} buffer
 * @param {(event: string, data: string) => void} onEvent
 * @returns {string}
 */
export function takeFrames(buffer, onEvent) {
  const frames = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = /** @type {string} */ (frames.pop()); // split always gives at least one piece
  for (const frame of frames) {
    let event = 'message';
    /** @type {string[]} */
    const data = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue; // keep-alive comment
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) onEvent(event, data.join('\n'));
  }
  return rest;
}

/**
 * The queue as the events so far tell it.
 * @typedef {object} QueueView
 * @property {(event: string, data: any, now?: number) => boolean} apply takes a parsed `queue` (replaces
 *   everything) or `queue-delta` (applied to the last; ignored before the first `queue`) and says whether it
 *   applied it.
 * @property {(now?: number) => Queue | null} queue the queue in the shape of GET /handoff/queue, positions by
 *   order and waiting times grown by the time since each item arrived (on the console's own clock, so no clock
 *   skew); null before the first `queue` event.
 */

/** @returns {QueueView} */
export function createView() {
  /** @type {Omit<Queue, 'queue'> | null} */
  let head = null;
  /** @type {Map<string, { t: QueueItem, at: number }>} */
  let items = new Map();
  /** @type {string[]} */
  let order = [];
  return {
    apply(event, data, now = Date.now()) {
      if (event === 'queue') {
        const q = /** @type {Queue} */ (data);
        head = { presence: q.presence, onShift: q.onShift, capacity: q.capacity, mine: q.mine };
        items = new Map(q.queue.map((t) => [t.id, { t, at: now }]));
        order = q.queue.map((t) => t.id);
        return true;
      }
      if (event !== 'queue-delta' || !head) return false;
      const d = /** @type {QueueDelta} */ (data);
      head = { presence: d.presence, onShift: d.onShift, capacity: d.capacity, mine: d.mine ?? head.mine };
      for (const id of d.remove) items.delete(id);
      const added = d.upsert.filter((t) => !items.has(t.id)).map((t) => t.id);
      for (const t of d.upsert) items.set(t.id, { t, at: now });
      // Without `order`, new items go to the end and the rest keep theirs.
      order = d.order ?? [...order.filter((id) => items.has(id)), ...added];
      return true;
    },
    queue(now = Date.now()) {
      if (!head) return null;
      const queue = order.filter((id) => items.has(id)).map((id, i) => {
        const { t, at } = /** @type {{ t: QueueItem, at: number }} */ (items.get(id)); // filtered above
        return { ...t, position: i + 1, waitingMs: t.waitingMs + (now - at) };
      });
      return { presence: head.presence, onShift: head.onShift, capacity: head.capacity, queue, mine: head.mine };
    },
  };
}

/**
 * @typedef {object} StreamHandlers
 * @property {(queue: Queue) => void} onQueue after each queue event: the whole queue, rebuilt
 * @property {(ticketId: string) => void} [onChat] a message arrived in one of this lawyer's chats
 * @property {(up: boolean) => void} onState the stream came up or went down
 * @property {() => void} onUnauthorised the token was refused (the stream then stops)
 */

/** Whether this browser can read a stream with fetch (the console polls instead when not). */
export const supported = typeof TextDecoderStream !== 'undefined' && typeof AbortController !== 'undefined';

/**
 * Holds the stream open until stop().
 * @param {string} token the staff bearer token
 * @param {StreamHandlers} handlers
 * @returns {{ stop(): void }}
 */
export function connect(token, { onQueue, onChat = () => {}, onState, onUnauthorised }) {
  /** @type {AbortController | null} */
  let controller = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let retries = 0;
  let stopped = false;
  let up = false;
  /** @param {boolean} value */
  const setUp = (value) => { if (up !== value) { up = value; onState(value); } };

  /** @param {AbortController} c */
  async function read(c) {
    const res = await fetch('/api/v1/handoff/queue/stream', { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: c.signal });
    if (res.status === 401) { stopped = true; onUnauthorised(); return; }
    if (res.status !== 200 || !res.body) throw new Error(`queue stream ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const view = createView(); // each connection starts from a whole queue
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer = takeFrames(buffer + value, (event, data) => {
        if (event === 'chat') return onChat(JSON.parse(data).ticketId);
        if ((event !== 'queue' && event !== 'queue-delta') || !view.apply(event, JSON.parse(data))) return;
        retries = 0;
        setUp(true);
        onQueue(/** @type {Queue} */ (view.queue()));
      });
    }
  }

  function attempt() {
    const c = new AbortController();
    controller = c;
    read(c).catch(() => {}).finally(() => {
      if (stopped || controller !== c) return;
      setUp(false);
      timer = setTimeout(attempt, RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]);
    });
  }

  attempt();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      up = false;
    },
  };
}
