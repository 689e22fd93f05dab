/**
 * `bin/lawline roster import file.csv` as a real child process over a temp state directory, and over PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/paths.js';
import { loadConfig } from '../../src/config/config.js';
import { createHandoffStore } from '../../src/handoff/handoff-store.js';
import { openStateSql } from '../../src/server/lawline-state.js';
import { createHandoffRepository } from '../../src/storage/repositories/handoff-repository.js';
import { forEachBackend } from '../support/test-databases.js';

const dir = mkdtempSync(join(tmpdir(), 'lawline-roster-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'username,name,licence,firm,topics,counties,languages,capacity,shifts';

forEachBackend('lawline roster import', (backend) => {
  let env: Record<string, string> = {};
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ env, drop } = await backend.fresh());
  });
  afterAll(() => drop());
  const lawline = (...args: string[]) =>
    spawnSync(join(REPO_ROOT, 'bin', 'lawline'), args, { env: { ...process.env, LAWLINE_STATE_DIR: dir, ...env, LAWLINE_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 60_000 });
  const roster = async () => {
    const sql = await openStateSql(loadConfig({ LAWLINE_STATE_DIR: dir, ...env }));
    try {
      const store = createHandoffStore(createHandoffRepository(sql));
      await store.refresh();
      return store.lawyers();
    } finally {
      await sql.close();
    }
  };

  it('imports a valid file and warns about usernames without a lawyer account', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, `${HEADER}\nchen,陈律师,14418201810000001,某律师事务所,劳动纠纷|婚姻家庭,英德|连州,mandarin|cantonese,3,"mon-fri 09:00-17:00; 2025-10-01 off"\n`);
    const run = lawline('roster', 'import', file);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, lawyers: 1 });
    expect(out.warnings[0]).toMatch(/^chen: no lawyer account/);
    expect(await roster()).toMatchObject([{ username: 'chen', counties: ['yingde', 'lianzhou'], capacity: 3 }]);
  });

  it('rejects a bad file naming the lines, and keeps the old roster', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${HEADER}\nli,李律师,14418201810000002,所,*,*,klingon,3,mon 09:00-17:00\n`);
    const run = lawline('roster', 'import', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.csv: line 2: languages\.0: /);
    expect((await roster()).map((l) => l.username)).toEqual(['chen']);
  });

  it('prints usage for a wrong call', () => {
    const run = lawline('roster', 'export');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('usage: lawline roster import');
  });
});
