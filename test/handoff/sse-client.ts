/**
 * Reads a Server-Sent Events response over fetch (as the lawyer console does, with a bearer token): frames are
 * parsed across chunk boundaries and handed out one at a time by `next()`; `until()` rebuilds the queue from
 * `queue` and `queue-delta` events with the console's own code (public/lawyer/queue-stream.js).
 */
import { readFileSync } from 'node:fs';

export interface SseEvent { event: string; data: string }

/** The console's queue view (createView in public/lawyer/queue-stream.js). */
export interface QueueView {
  apply(event: string, data: unknown, now?: number): boolean;
  queue(now?: number): any;
}

const consoleScript = readFileSync(new URL('../../public/lawyer/queue-stream.js', import.meta.url), 'utf8');

/** A fresh queue view from the console's script, run here without a browser. */
export function createQueueView(): QueueView {
  const window: { lawlineQueueStream?: { createView(): QueueView } } = {};
  new Function('window', consoleScript)(window);
  return window.lawlineQueueStream!.createView();
}

export interface SseClient {
  status: number;
  headers: Headers;
  /** The next event (comments skipped); rejects when the stream ends first. */
  next(): Promise<SseEvent>;
  /**
   * Reads queue events (whole or delta) until the queue they add up to passes `test`; counts the queue events
   * read on the way.
   */
  until(test: (queue: any) => boolean): Promise<{ queue: any; events: number }>;
  close(): void;
}

export async function openSse(url: string, token?: string): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const view = createQueueView();
  let buffer = '';
  const ready: SseEvent[] = [];
  async function next(): Promise<SseEvent> {
    while (!ready.length) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = frame.split('\n').filter((l) => !l.startsWith(':'));
        if (!lines.length) continue;
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim() ?? 'message';
        ready.push({ event, data: lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n') });
      }
    }
    const e = ready.shift()!;
    if (e.event === 'queue' || e.event === 'queue-delta') view.apply(e.event, JSON.parse(e.data));
    return e;
  }
  return {
    status: res.status,
    headers: res.headers,
    next,
    async until(test) {
      for (let events = 0; ;) {
        const e = await next();
        if (e.event !== 'queue' && e.event !== 'queue-delta') continue;
        events++;
        const queue = view.queue();
        if (test(queue)) return { queue, events };
      }
    },
    close: () => controller.abort(),
  };
}
