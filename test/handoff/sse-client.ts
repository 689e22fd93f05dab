/**
 * Reads a Server-Sent Events response over fetch (as the lawyer console does, with a bearer token): frames are
 * parsed across chunk boundaries by the console's own parser and handed out one at a time by `next()`; `until()` rebuilds the queue from
 * `queue` and `queue-delta` events with the console's own module (public/staff/queue-stream.js, imported as it is).
 */
import { createView, takeFrames, type QueueView } from '../../public/staff/queue-stream.js';

export interface SseEvent { event: string; data: string }
export type { QueueView };

/** A fresh queue view from the console's module, run here without a browser. */
export const createQueueView = (): QueueView => createView();

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
      buffer = takeFrames(buffer + value, (event, data) => ready.push({ event, data }));
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
