/**
 * @module storage/file-lock
 * A cross-process lock file, so two lawline processes started together on a fresh data directory (say `ask` and
 * `classify` in parallel) do not build the same index at once. A lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

/** A lock older than this is stale even when its process seems alive (a build takes well under a minute). */
const STALE_MS = 10 * 60_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isStale(file: string): boolean {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (Date.now() - statSync(file).mtimeMs > STALE_MS) return true;
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // ESRCH: the owner is gone. ENOENT: released meanwhile (the next attempt will take it).
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `work` while holding `file`. While another process holds it, waits; `ready()` is asked between waits and,
 * when it says the other process already did the work, returns without running `work`.
 * @returns true when `work` ran here
 */
export function withFileLock(file: string, ready: () => boolean, work: () => void, pollMs = 200): boolean {
  for (;;) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (isStale(file)) rmSync(file, { force: true });
      else sleepSync(pollMs);
      if (ready()) return false;
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      if (ready()) return false;
      work();
      return true;
    } finally {
      rmSync(file, { force: true });
    }
  }
}
