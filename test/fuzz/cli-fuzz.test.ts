/**
 * Property-based fuzzing (fast-check) of every `bin/lawline` command. The JSON-lines commands (ask, classify,
 * eligibility, search) get batches of random lines — broken JSON, values of every type, deeply nested, huge
 * strings, control characters, mutated valid lines — and must answer each non-blank line with exactly one JSON line,
 * in order, an error naming the line number, and never fail with anything but a LawlineError (a clear message, no
 * TypeError from inside). The real binary gets invalid UTF-8 too. The argument-driven commands (user, roster,
 * backup, restore, laws, qa, serve) get random arguments and must return an exit code or throw a LawlineError.
 */
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackupCommand } from '../../src/cli/backup-command.js';
import { lineHandlers } from '../../src/cli/commands.js';
import { runJsonLines } from '../../src/cli/json-lines.js';
import { runLawsCommand } from '../../src/cli/laws-command.js';
import { runRosterCommand } from '../../src/cli/roster-command.js';
import { runServeCommand } from '../../src/cli/serve-command.js';
import { runUserCommand } from '../../src/cli/user-command.js';
import { REPO_ROOT } from '../../src/config/paths.js';
import { LawlineError } from '../../src/errors.js';
import { createLogger } from '../../src/logging/logger.js';
import { TEST_DATA_DIR, testConfig, testLawline } from '../support/lawline.js';

/** What a bug looks like in an error message: the engine's own errors, or a stack. */
const INTERNAL = /Cannot read prop|is not a function|is not iterable|undefined is not|Maximum call stack|\n\s+at \S|\.ts:\d+/;

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 });
const huge = fc.integer({ min: 10_000, max: 200_000 }).map((n) => '法'.repeat(n));
const oddString = fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), controlChars, huge, fc.constantFrom('', '\u0000', '\uD800', '__proto__'));
const anyValue: fc.Arbitrary<unknown> = fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 3 }), oddString, fc.constantFrom(null, -1, 1.5, 1e308, true));
const SEEDS: Record<string, Record<string, unknown>> = {
  ask: { id: 1, text: '公司拖欠工资怎么办' },
  classify: { id: 1, text: '离婚后孩子归谁' },
  search: { id: 1, text: '工伤认定', kind: 'article', limit: 5 },
  eligibility: { id: 1, matter: 'labour_remuneration', household: { size: 3, monthlyIncome: 2000 }, county: '英德市', standard: { cityUrbanIncomePerYear: 48000 } },
};

/** One input line (never containing a line break itself, as a line cannot). */
const line = (seed: Record<string, unknown>) => fc.oneof(
  fc.tuple(fc.constantFrom(...Object.keys(seed), 'id', 'extra'), fc.option(anyValue, { nil: undefined })).map(([k, v]) => {
    const copy: Record<string, unknown> = { ...seed };
    if (v === undefined) delete copy[k];
    else copy[k] = v;
    return JSON.stringify(copy);
  }),
  anyValue.map((v) => JSON.stringify(v) ?? 'undefined'),
  fc.tuple(fc.nat(), fc.constantFrom('', ',', '}', '"')).map(([at, junk]) => { const t = JSON.stringify(seed); const cut = 1 + (at % (t.length - 1)); return t.slice(0, cut) + junk; }),
  fc.integer({ min: 100, max: 20_000 }).map((n) => `{"id":1,"text":${'['.repeat(n)}${']'.repeat(n)}}`),
  oddString,
  fc.constant(''),
).map((l) => l.replace(/[\r\n]/g, ' '));

async function runLines(command: string, input: string) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  out.on('data', (d) => (stdout += d));
  err.resume();
  await runJsonLines(lineHandlers(testLawline())[command]!, Readable.from([input]), out, err);
  return stdout.split('\n').filter(Boolean);
}

describe.each(Object.keys(SEEDS))('lawline %s over random JSON lines', (command) => {
  it('answers every non-blank line with one JSON line, errors name the line, no internal errors', async () => {
    await fc.assert(fc.asyncProperty(fc.array(line(SEEDS[command]!), { minLength: 1, maxLength: 8 }), async (lines) => {
      const output = await runLines(command, lines.join('\n'));
      const numbered = lines.map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => l.trim());
      expect(output).toHaveLength(numbered.length);
      output.forEach((o, i) => {
        const parsed = JSON.parse(o) as { error?: string };
        if (parsed.error !== undefined) {
          expect(parsed.error.startsWith(`line ${numbered[i]!.n}: `), parsed.error).toBe(true);
          expect(parsed.error, `line ${numbered[i]!.n}: ${numbered[i]!.l.slice(0, 100)}`).not.toMatch(INTERNAL);
        }
      });
    }), { numRuns: 25 });
  }, 60_000);

  it('throws only LawlineErrors from its handler', async () => {
    const handler = lineHandlers(testLawline())[command]!;
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...Object.keys(SEEDS[command]!), 'household', 'standard', 'county'), anyValue), async (fields) => {
      try {
        await handler({ ...SEEDS[command], ...fields, id: 1 });
      } catch (err) {
        if (!(err instanceof LawlineError)) throw new Error(`not a LawlineError: ${(err as Error).stack}`);
      }
    }), { numRuns: 60 });
  }, 60_000);
});

/** Runs the real binary with `input` bytes on stdin. */
function binary(args: string[], input: Buffer): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'bin', 'lawline'), args, { env: { ...process.env, LAWLINE_DATA_DIR: TEST_DATA_DIR, LAWLINE_LOG_LEVEL: 'warn' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('bin/lawline with invalid UTF-8 and random lines on stdin', () => {
  it.each(['ask', 'eligibility'])('%s: exits 0, one line out per line in, no stack trace', async (command) => {
    const lines = fc.sample(line(SEEDS[command]!), { numRuns: 40, seed: 42 }).filter((l) => l.length < 50_000);
    const bad = [Buffer.from([0xff, 0xfe]), Buffer.from('{"id":1,"text":"\xc0\x80"}', 'latin1'), Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d])];
    const input = Buffer.concat([...lines.map((l) => Buffer.from(`${l}\n`)), ...bad.flatMap((b) => [b, Buffer.from('\n')])]);
    const expected = lines.filter((l) => l.trim()).length + bad.length;
    const run = await binary([command], input);
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout.split('\n').filter(Boolean);
    expect(out).toHaveLength(expected);
    for (const o of out) expect(() => JSON.parse(o)).not.toThrow();
    expect(run.stderr).not.toMatch(INTERNAL);
  }, 60_000);
});

describe('argument-driven commands with random arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lawline-cli-fuzz-'));
  const config = testConfig({ LAWLINE_STATE_DIR: dir });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = () => undefined;
  const flag = fc.constantFrom('--role', '--username', '--password', '--workers', '--from', '--to', '--force', '-h', '--', '-', '--role=admin', '--username=');
  const word = fc.oneof(flag, oddString.filter((s) => s.length < 5_000), fc.constantFrom('add', 'passwd', 'disable', 'import', 'admin', 'lawyer', '民法典', '1084', '0', '-1', 'x'.repeat(300)));
  const args = fc.array(word, { maxLength: 7 });

  /** Resolves to an exit code, or throws a LawlineError; anything else is a bug. */
  async function clean(what: string, run: () => Promise<number> | number): Promise<void> {
    try {
      const code = await run();
      expect(Number.isInteger(code), what).toBe(true);
    } catch (err) {
      if (!(err instanceof LawlineError) || INTERNAL.test(err.message)) throw new Error(`${what}: ${(err as Error).stack}`);
    }
  }

  it('user add|passwd|disable', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('add', 'passwd', 'disable', 'other'), args, async (action, rest) => {
      await clean(`user ${action} ${rest.join(' ').slice(0, 200)}`, () => runUserCommand([action, ...rest], config, quiet));
    }), { numRuns: 60 });
  }, 60_000);

  it('roster import (files named at random, or files of random content)', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('import', 'export', ''), args, async (action, rest) => {
      await clean(`roster ${action}`, () => runRosterCommand([action, ...rest], config, quiet));
    }), { numRuns: 40 });
  }, 60_000);

  it('backup and restore (files only inside a scratch folder)', async () => {
    const file = fc.oneof(fc.constantFrom('', '-x', '--force'), fc.stringMatching(/^[a-z0-9._-]{1,20}$/).map((n) => join(dir, 'files', n)), fc.constant(join(dir, 'lawline.sqlite')));
    await fc.assert(fc.asyncProperty(fc.constantFrom('backup', 'restore') as fc.Arbitrary<'backup' | 'restore'>, fc.array(file, { maxLength: 3 }), async (command, files) => {
      await clean(`${command} ${files.join(' ')}`, () => runBackupCommand(command, files, config, quiet));
    }), { numRuns: 30 });
  }, 60_000);

  it('laws show|diff|stale and qa check (never `laws reviewed`, which writes content files)', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('laws', 'qa') as fc.Arbitrary<'laws' | 'qa'>, fc.constantFrom('show', 'diff', 'check', 'stale', 'nope'), args, async (command, action, rest) => {
      await clean(`${command} ${action}`, () => runLawsCommand(command, [action, ...rest], quiet));
    }), { numRuns: 6 });
  }, 60_000);

  it('serve: bad arguments are refused before anything starts', async () => {
    await fc.assert(fc.asyncProperty(fc.stringMatching(/^[a-z]{1,8}$/), args, async (positional, rest) => {
      // A leading positional argument is always invalid, so no worker is ever started.
      await expect(runServeCommand([positional, ...rest], config, createLogger('silent'))).rejects.toBeInstanceOf(LawlineError);
    }), { numRuns: 30 });
  });
});
