/**
 * @module tools/soak/live-heap
 * The server's live heap: what survives a full collection. The soak starts the server with the inspector on a
 * loopback port and asks it, over the DevTools protocol, to collect garbage before reading the heap. Without that,
 * the heap in use is a saw whose low points drift with V8's collection schedule (old space is swept less often as it
 * grows), which looks like a leak when there is none. The protocol client is a few lines over `ws` (a dependency
 * already): a library for two commands would not pay its way.
 */
import WebSocket from 'ws';

export interface LiveHeap {
  /** Runs a full collection in the server, then returns its heap in use (bytes). */
  read(): Promise<number>;
  close(): void;
}

/** Matches the line the inspector prints on start: `Debugger listening on ws://127.0.0.1:PORT/ID`. */
export const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/;

export async function connectLiveHeap(url: string): Promise<LiveHeap> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: any) => void; reject: (e: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return; // events: none are enabled
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) => new Promise<any>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  return {
    async read() {
      await send('HeapProfiler.collectGarbage');
      const { result } = await send('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
      return Number(result.value);
    },
    close: () => socket.close(),
  };
}
