/**
 * @module tools/soak/sampler
 * Reads the server process' resources from outside: resident memory and open file descriptors from /proc/<pid>,
 * the V8 heap in use from its own /metrics (prom-client's default metrics), and the state database's size on disk
 * (the SQLite file with its WAL).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpClient } from './http-client.js';
import type { Sample } from './verdict.js';

const HEAP_METRIC = /^lawline_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+?\d+)?)$/m;

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

export async function takeSample(pid: number, http: HttpClient, stateDir: string, atMs: number): Promise<Sample> {
  const metrics = await http.call('soak.metrics', 'GET', '/metrics');
  const heap = HEAP_METRIC.exec(String(metrics.body));
  const resident = residentBytes(pid);
  return { atMs, rssBytes: resident.rss, rssAnonBytes: resident.anon, heapBytes: heap ? Number(heap[1]) : Number.NaN, fds: openFds(pid), dbBytes: sqliteBytes(stateDir) };
}
