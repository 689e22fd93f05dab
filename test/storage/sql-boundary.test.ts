/**
 * Only src/storage (and the backend folders under it) writes SQL: the state database, and the knowledge index and
 * embedding cache each process builds from the files (storage/knowledge-index-store.ts, storage/embedding-cache.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/paths.js';

const SQL = /\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w+)/;
const ALLOWED = ['src/storage/'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the SQL boundary', () => {
  it('keeps every SQL statement inside src/storage', () => {
    const offenders = sources(join(REPO_ROOT, 'src'))
      .map((file) => relative(REPO_ROOT, file))
      .filter((file) => !ALLOWED.some((dir) => file.startsWith(dir)))
      .filter((file) => SQL.test(readFileSync(join(REPO_ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
