import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/paths.js';
import { withFileLock } from '../../src/storage/file-lock.js';

const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

function buildInChild(dataDir: string): Promise<{ rebuilt: boolean; docs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', `file://${tsx}`, join(REPO_ROOT, 'test/knowledge/build-index-child.ts'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe('withFileLock', () => {
  it('runs the work and releases the lock', () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'lawline-lock-')), 'x.lock');
    let ran = 0;
    expect(withFileLock(lock, () => false, () => { ran++; })).toBe(true);
    expect(ran).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose process is gone', () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'lawline-lock-')), 'x.lock');
    writeFileSync(lock, '999999999'); // no such process
    let ran = false;
    expect(withFileLock(lock, () => false, () => { ran = true; }, 10)).toBe(true);
    expect(ran).toBe(true);
  });

  it('skips the work when another holder finished it meanwhile', () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'lawline-lock-')), 'x.lock');
    writeFileSync(lock, String(process.pid)); // held by a live process (this one)
    let checks = 0;
    expect(withFileLock(lock, () => ++checks >= 2, () => { throw new Error('must not run'); }, 10)).toBe(false);
  });
});

describe('two processes opening a fresh index at once', () => {
  it('build it once; the other waits and reuses it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lawline-race-'));
    const [a, b] = await Promise.all([buildInChild(dataDir), buildInChild(dataDir)]);
    expect([a.rebuilt, b.rebuilt].filter(Boolean)).toHaveLength(1);
    expect(a.docs).toBeGreaterThan(0);
    expect(b.docs).toBe(a.docs);
    expect(existsSync(join(dataDir, 'knowledge-index.lock'))).toBe(false);
  });
});
