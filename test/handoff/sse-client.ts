/**
 * Reads a Server-Sent Events response over fetch (as the lawyer console does, with a bearer token): frames are
 * parsed across chunk boundaries and handed out one at a time by `next()`.
 */
export interface SseEvent { event: string; data: string }

export interface SseClient {
  status: number;
  headers: Headers;
  /** The next event (comments skipped); rejects when the stream ends first. */
  next(): Promise<SseEvent>;
  /** The next `queue` event whose parsed data passes `test`; counts the queue events read on the way. */
  until(test: (queue: any) => boolean): Promise<{ queue: any; events: number }>;
  close(): void;
}

export async function openSse(url: string, token?: string): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
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
    return ready.shift()!;
  }
  return {
    status: res.status,
    headers: res.headers,
    next,
    async until(test) {
      for (let events = 0; ;) {
        const e = await next();
        if (e.event !== 'queue') continue;
        events++;
        const queue = JSON.parse(e.data);
        if (test(queue)) return { queue, events };
      }
    },
    close: () => controller.abort(),
  };
}
