/**
 * @module tools/soak/sampler
 * Reads the server process' resources from outside: resident memory and open file descriptors from /proc/<pid>,
 * the live V8 heap (after a full collection, through the inspector: tools/soak/live-heap.ts), and the state
 * database's size on disk (the SQLite file with its WAL).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveHeap } from './live-heap.js';
import type { Sample } from './verdict.js';

/** Resident memory in all, and the part that is the process' own (anonymous: heaps, malloc) rather than mapped files. */
function residentBytes(pid: number): { rss: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : Number.NaN;
  };
  return { rss: kb('VmRSS'), anon: kb('RssAnon') };
}

const openFds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The SQLite state file and its WAL and shared-memory files; 0 for PostgreSQL (its size is the server's). */
export const sqliteBytes = (stateDir: string) => ['lawline.sqlite', 'lawline.sqlite-wal', 'lawline.sqlite-shm'].reduce((n, f) => n + fileBytes(join(stateDir, f)), 0);

export async function takeSample(pid: number, heap: LiveHeap, stateDir: string, atMs: number): Promise<Sample> {
  const heapBytes = await heap.read();
  const resident = residentBytes(pid);
  return { atMs, rssBytes: resident.rss, rssAnonBytes: resident.anon, heapBytes, fds: openFds(pid), dbBytes: sqliteBytes(stateDir) };
}
