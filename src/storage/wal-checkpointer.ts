/**
 * @module storage/wal-checkpointer
 * Checkpoints a WAL database from a worker thread. Left to itself, SQLite checkpoints inside whichever commit
 * pushes the WAL past 1,000 pages, so a request now and then stalls for several milliseconds while pages are
 * copied and the file is synced — in a burst of hand-offs that was a tenth of the burst. A second connection in a
 * worker can do the same work in PASSIVE mode without blocking the request thread's readers or writers. The
 * request thread keeps a much higher automatic threshold as a fallback should the worker fall behind.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Db } from './database.js';

/** Pages of WAL at which the request thread checkpoints itself anyway (40 MB with 4 kB pages). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** What one checkpoint did (SQLite's wal_checkpoint result). */
export interface CheckpointResult { busy: number; log: number; checkpointed: number }

export interface WalCheckpointer {
  /** Runs a checkpoint now (in the worker); resolves with what it did. */
  checkpoint(): Promise<CheckpointResult>;
  /** Stops the worker; later checkpoints fall back to the request thread's threshold. */
  stop(): Promise<void>;
}

// CommonJS source for the worker (eval'd): it opens its own connection and checkpoints on a timer or on request.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const run = () => {
  try { return { ok: true, result: db.pragma('wal_checkpoint(PASSIVE)')[0] }; }
  catch (error) { return { ok: false, error: String(error && error.message || error) }; }
};
const timer = setInterval(() => {
  const outcome = run();
  if (!outcome.ok) parentPort.postMessage({ id: -1, ...outcome });
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); db.close(); parentPort.close(); return; }
  parentPort.postMessage({ id: message.id, ...run() });
});
`;

/**
 * Starts checkpointing `db`'s WAL every `intervalMs` from a worker thread, and raises `db`'s own threshold to
 * {@link FALLBACK_AUTOCHECKPOINT_PAGES}. The worker does not keep the process alive.
 * @example const checkpointer = startWalCheckpointer(state.db); … await checkpointer.stop();
 */
export function startWalCheckpointer(db: Db, options: { intervalMs?: number; onError?: (message: string) => void } = {}): WalCheckpointer {
  if (db.memory) throw new Error('startWalCheckpointer: an in-memory database has no WAL to checkpoint');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // The worker is plain CommonJS: it must not inherit the process's loader or module flags (tsx, --input-type).
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { driver, file: db.name, intervalMs: options.intervalMs ?? 1000 } });
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const pending = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  let stopped: Promise<void> | null = null;
  worker.on('message', (m: { id: number; ok: boolean; result?: CheckpointResult; error?: string }) => {
    if (m.id === -1) return options.onError?.(m.error ?? 'unknown error');
    const waiting = pending.get(m.id);
    pending.delete(m.id);
    if (!pending.size) worker.unref();
    if (m.ok) waiting?.resolve(m.result!);
    else waiting?.reject(new Error(`WAL checkpoint failed: ${m.error}`));
  });
  let failure: string | null = null;
  worker.on('error', (error) => {
    failure = error.message;
    options.onError?.(error.message);
  });
  worker.on('exit', () => {
    for (const waiting of pending.values()) waiting.reject(new Error(failure ? `WAL checkpointer failed: ${failure}` : 'WAL checkpointer stopped'));
    pending.clear();
  });
  // After the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  return {
    checkpoint() {
      if (stopped) return Promise.reject(new Error('WAL checkpointer stopped'));
      const id = next++;
      return new Promise<CheckpointResult>((resolve, reject) => {
        // An answer is awaited: keep the process alive until it comes.
        worker.ref();
        pending.set(id, { resolve, reject });
        worker.postMessage({ id });
      });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
