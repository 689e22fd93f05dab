/**
 * @module tools/bench/console-queue-stream
 * The lawyer console's own stream code (public/lawyer/queue-stream.js) run in Node, so the bench's consoles and the
 * tests read the push stream exactly as the browser does: the same SSE frame parser, the same queue view.
 */
import { readFileSync } from 'node:fs';

/** The console's queue view: `apply` a parsed `queue` or `queue-delta` event, read back the queue it adds up to. */
export interface QueueView {
  apply(event: string, data: unknown, now?: number): boolean;
  queue(now?: number): any;
}

export interface ConsoleQueueStream {
  createView(): QueueView;
  /** Splits SSE text into frames, calling `onEvent` for each; returns the unfinished rest. */
  takeFrames(buffer: string, onEvent: (event: string, data: string) => void): string;
}

let loaded: ConsoleQueueStream | undefined;

/** The console's script, evaluated once per process. */
export function consoleQueueStream(): ConsoleQueueStream {
  if (!loaded) {
    const script = readFileSync(new URL('../../../public/lawyer/queue-stream.js', import.meta.url), 'utf8');
    const window: { lawlineQueueStream?: ConsoleQueueStream } = {};
    new Function('window', script)(window);
    loaded = window.lawlineQueueStream!;
  }
  return loaded;
}
