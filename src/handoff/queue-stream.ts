/**
 * @module handoff/queue-stream
 * Pushes the lawyer console's queue as Server-Sent Events (`GET /api/v1/handoff/queue/stream`): first
 * `event: queue` with the JSON of `GET /handoff/queue`, then after changes `event: queue-delta` with only what
 * changed for that console since its last event (shape in {@link queueDelta}). A burst of store changes costs one
 * push: the first change is pushed as soon as the code that made it yields, later ones at most every `minGapMs`,
 * and a snapshot is built once for all consoles (see {@link QueueSnapshot}), then diffed per console. A console
 * whose view did not change is not written to; a slow one (write buffer full) is skipped until it drains, then
 * gets a whole `queue` event again. A message stored in a chat (the citizen's, the lawyer's, a notice) sends the
 * assigned lawyer's consoles `event: chat` with `{"ticketId","id"}`, so an open chat fetches it at once.
 */
import type { Request, Response } from 'express';
import type { Logger } from '../logging/logger.js';
import { TooManyRequestsError } from '../errors.js';
import type { HandoffService } from './handoff-service.js';
import { fullView, queueDelta, type ConsoleView } from './queue-delta.js';
import type { QueueSnapshot } from './queue-snapshot.js';

export interface QueueStreamOptions {
  /** Least time between two pushes within a burst (ms). */
  minGapMs: number;
  /** A comment line after this long without a write keeps proxies from closing the stream (ms). */
  keepAliveMs: number;
  /** Open streams one account may hold; more get 429. */
  maxPerAccount: number;
  /** How often open streams check that the HTTP server and the database are still up (ms). */
  checkMs: number;
}

export const QUEUE_STREAM_DEFAULTS: QueueStreamOptions = { minGapMs: 15, keepAliveMs: 15_000, maxPerAccount: 5, checkMs: 1000 };

/** Counters for tests and the bench. */
export interface QueueStreamStats {
  open: number;
  /** Snapshots built (one per push round, shared by all consoles). */
  snapshots: number;
  /** Events written (`queue` and `queue-delta`). */
  pushes: number;
  /** Of those, `queue-delta` events. */
  deltas: number;
  /** Bytes of the events written. */
  bytes: number;
  /** Time spent building snapshots, diffing them and writing events (ms). */
  pushMs: number;
}

interface Stream {
  username: string;
  lawyer: boolean;
  res: Response;
  server: { listening: boolean } | undefined;
  blocked: boolean;
  /** What the console was last sent; null: it gets a whole `queue` event next (on connect, after a full buffer). */
  view: ConsoleView | null;
  lastWrite: number;
}

const all = new WeakMap<HandoffService, QueueStreams>();

/** The push streams of a service (for the bench and tests), once its routes are built. */
export function queueStreamsOf(service: HandoffService): QueueStreams | undefined {
  return all.get(service);
}

/**
 * @example router.get('/handoff/queue/stream', requireRole('lawyer', 'admin'), (req, res) => streams.open(req, res, currentAccount(res)));
 */
export function createQueueStreams(service: HandoffService, log: Logger, options: Partial<QueueStreamOptions> = {}) {
  const o = { ...QUEUE_STREAM_DEFAULTS, ...options };
  const streams = new Set<Stream>();
  const perAccount = new Map<string, number>();
  const stats: QueueStreamStats = { open: 0, snapshots: 0, pushes: 0, deltas: 0, bytes: 0, pushMs: 0 };
  let unsubscribe: (() => void) | null = null;
  let unsubscribeChat: (() => void) | null = null;
  let ticker: NodeJS.Timeout | undefined;
  let soon = false;
  let timer: NodeJS.Timeout | undefined;
  let lastPush = -Infinity;

  function write(s: Stream, text: string): void {
    s.lastWrite = performance.now();
    if (s.res.write(text)) return;
    s.blocked = true;
    s.res.once('drain', () => {
      s.blocked = false;
      s.view = null; // the simplest sure recovery: the whole queue again
      schedule();
    });
  }

  function send(s: Stream, snapshot: QueueSnapshot): void {
    if (s.blocked || s.res.writableEnded) return;
    let text: string;
    if (s.view) {
      const delta = queueDelta(s.view, snapshot, s.username);
      if (delta === null) return;
      text = `event: queue-delta\ndata: ${delta}\n\n`;
      stats.deltas++;
    } else {
      text = `event: queue\ndata: ${snapshot.json(s.username)}\n\n`;
      s.view = fullView(snapshot, s.username);
    }
    write(s, text);
    stats.pushes++;
    stats.bytes += Buffer.byteLength(text);
    if (s.lawyer) service.lawyers.heartbeat(s.username);
  }

  function push(only?: Stream): void {
    const started = performance.now();
    // Runs from a microtask or timer: nothing may escape, or it would take the server down.
    try {
      const snapshot = service.lawyers.queueSnapshot();
      stats.snapshots++;
      for (const s of only ? [only] : streams) send(s, snapshot);
    } catch (error) {
      log.error('handoff queue push failed', { error });
    }
    stats.pushMs += performance.now() - started;
  }

  function flush(): void {
    soon = false;
    clearTimeout(timer);
    timer = undefined;
    lastPush = performance.now();
    if (!streams.size) return;
    if (service.closed()) return endAll();
    push();
  }

  // A push goes out as soon as the code that changed the store yields (a microtask), unless one went out less
  // than minGapMs ago: then a timer waits out the gap. Under load one turn of the event loop can run for
  // hundreds of ms of requests, so a change that finds the timer overdue pushes at once instead of waiting for it.
  function schedule(): void {
    if (soon || !streams.size) return;
    const wait = lastPush + o.minGapMs - performance.now();
    if (wait <= 0) {
      soon = true;
      queueMicrotask(flush);
    } else {
      timer ??= setTimeout(flush, wait).unref();
    }
  }

  function check(): void {
    if (service.closed()) return endAll();
    const now = performance.now();
    for (const s of streams) {
      if (s.server && !s.server.listening) end(s);
      else if (now - s.lastWrite >= o.keepAliveMs && !s.blocked) {
        write(s, ': keep-alive\n\n');
        if (s.lawyer) service.lawyers.heartbeat(s.username);
      }
    }
  }

  function remove(s: Stream): void {
    if (!streams.delete(s)) return;
    const who = s.username.toLowerCase();
    const n = (perAccount.get(who) ?? 1) - 1;
    if (n > 0) perAccount.set(who, n);
    else perAccount.delete(who);
    stats.open = streams.size;
    if (streams.size) return;
    unsubscribe?.();
    unsubscribe = null;
    unsubscribeChat?.();
    unsubscribeChat = null;
    clearInterval(ticker);
    ticker = undefined;
  }

  /** Tells the consoles of the lawyer who holds the chat that a message is stored (they fetch it themselves). */
  function chat(message: { ticketId: string; id: number }): void {
    try {
      const lawyer = service.store.openTicket(message.ticketId)?.lawyer?.toLowerCase();
      if (!lawyer) return;
      const text = `event: chat\ndata: ${JSON.stringify({ ticketId: message.ticketId, id: message.id })}\n\n`;
      for (const s of streams) {
        if (s.lawyer && !s.blocked && !s.res.writableEnded && s.username.toLowerCase() === lawyer) write(s, text);
      }
    } catch (error) {
      log.error('handoff chat push failed', { error });
    }
  }

  /** Ends the stream and its connection (kept alive, it would hold up a closing server until its timeout). */
  function end(s: Stream): void {
    s.res.end();
    s.res.socket?.end();
    remove(s);
  }

  function endAll(): void {
    for (const s of [...streams]) end(s);
  }

  const queueStreams = {
    stats: (): Readonly<QueueStreamStats> => ({ ...stats }),
    /** Starts a stream for `account` on this response (throws 429 past the per-account cap). */
    open(req: Request, res: Response, account: { username: string; role: string }): void {
      const who = account.username.toLowerCase();
      const held = perAccount.get(who) ?? 0;
      if (held >= o.maxPerAccount) throw new TooManyRequestsError(`at most ${o.maxPerAccount} queue streams per account`);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The net.Server that accepted the socket: once it stops listening (server.close()) the stream ends too,
      // or close() would wait for every console to hang up.
      const server = (req.socket as unknown as { server?: { listening: boolean } }).server;
      const s: Stream = { username: account.username, lawyer: account.role === 'lawyer', res, server, blocked: false, view: null, lastWrite: 0 };
      streams.add(s);
      perAccount.set(who, held + 1);
      stats.open = streams.size;
      res.on('close', () => remove(s));
      if (req.socket.destroyed) return remove(s); // hung up before we got here: 'close' has already gone by
      unsubscribe ??= service.store.onChange(schedule);
      unsubscribeChat ??= service.store.onMessage(chat);
      ticker ??= setInterval(check, o.checkMs).unref();
      push(s);
    },
    /** Ends every open stream (consoles fall back to polling and reconnect). */
    close: endAll,
  };
  all.set(service, queueStreams);
  return queueStreams;
}

export type QueueStreams = ReturnType<typeof createQueueStreams>;
