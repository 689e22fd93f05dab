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

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return kb ? Number(kb[1]) * 1024 : Number.NaN;
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
  return { atMs, rssBytes: rssBytes(pid), heapBytes: heap ? Number(heap[1]) : Number.NaN, fds: openFds(pid), dbBytes: sqliteBytes(stateDir) };
}
