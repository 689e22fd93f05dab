import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/paths.js';
import { TOPIC_LABELS } from '../../src/vocabulary.js';
import { searchResults } from '../../src/assistant/search-results.js';
import { TEST_DATA_DIR, testLawline } from '../support/lawline.js';

const BIN = join(REPO_ROOT, 'bin', 'lawline');

interface Run { code: number | null; stdout: string; stderr: string; lines: any[] }

/** Runs `bin/lawline <args>` over the shared test data with `input` on stdin. */
function lawline(args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      env: { ...process.env, LAWLINE_DATA_DIR: TEST_DATA_DIR, LAWLINE_LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      // Parsed lazily: --help prints plain text.
      resolve({ code, stdout, stderr, get lines() { return stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)); } });
    });
    child.stdin.end(input);
  });
}

const jsonl = (rows: Array<unknown | string>) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe('bin/lawline', () => {
  it('search: the same results, in the same shape, as POST /api/v1/search (one mapper serves both)', async () => {
    const requests = [{ text: '拖欠工资', kind: 'guide', limit: 2 }, { text: '拖欠工资', kind: 'article', limit: 3 }] as const;
    const run = await lawline(['search'], jsonl(requests.map((r, i) => ({ id: `s${i}`, ...r }))));
    expect(run.code).toBe(0);
    run.lines.forEach((line, i) => {
      const { id, ...rest } = line;
      expect(id).toBe(`s${i}`);
      expect(rest).toEqual(searchResults(testLawline(), requests[i]!));
    });
    expect(run.lines[0].results[0].ref).toBe('labour-arbitration');
    for (const r of run.lines[1].results) expect(Number.isInteger(r.article)).toBe(true);
  });

  it('ask and classify: the same fields and values as the HTTP API answers (both return the assistant\'s result)', async () => {
    const text = '被邻居家的狗咬了，狗主人不肯赔';
    const [asked, classified] = await Promise.all([lawline(['ask'], jsonl([{ id: 'a', text }])), lawline(['classify'], jsonl([{ id: 'c', text }]))]);
    const { id: _a, ...answer } = asked.lines[0];
    const { id: _c, ...classification } = classified.lines[0];
    expect(answer).toEqual(await testLawline().ask(text));
    expect(classification).toEqual(testLawline().classify(text));
  });

  it('ask: one answer per line, in input order, ids echoed; bad lines get an error naming the line', async () => {
    const run = await lawline(['ask'], jsonl([
      { id: 'q1', text: '公司拖欠我三个月工资怎么办' },
      'this is not json',
      { text: '没有编号' },
      { id: 7, text: '离婚后孩子抚养权归谁' },
      { id: 'q4' },
      { id: 'q5', text: '你好' },
    ]));
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(6);
    expect(run.lines.map((l) => l.id)).toEqual(['q1', null, null, 7, 'q4', 'q5']);
    const [wages, notJson, noId, custody, noText, hello] = run.lines;
    expect(wages.citations.length).toBeGreaterThan(0);
    expect(wages.guides.map((g: { id: string }) => g.id)).toContain('labour-arbitration');
    expect(typeof wages.answer).toBe('string');
    expect(notJson.error).toMatch(/^line 2: not valid JSON/);
    expect(noId.error).toMatch(/^line 3: id: id is required/);
    expect(custody.citations.some((c: { law: string }) => c.law === '民法典')).toBe(true);
    expect(noText.error).toMatch(/^line 5: text: text is required/);
    expect(hello.intent).toBe('greeting');
    expect(run.stderr).toContain('3 lines answered, 3 lines rejected');
  });

  it('classify: intent, domain, confidence, risk, entities per line, in order', async () => {
    const questions = ['公司拖欠我三个月工资怎么办', '我要办公证', '他拿着刀说要杀了我', '离婚后孩子归谁'];
    const run = await lawline(['classify'], jsonl(questions.map((text, i) => ({ id: `c${i}`, text }))));
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
    for (const l of run.lines) {
      expect(Object.keys(l).sort()).toEqual(['alternatives', 'confidence', 'domain', 'domainConfidence', 'entities', 'id', 'intent', 'risk']);
      expect(TOPIC_LABELS).toContain(l.domain);
    }
    expect(run.lines[0].domain).toBe('劳动纠纷');
    expect(run.lines[1].intent).toBe('notary');
    expect(run.lines[2].risk).toBe('emergency');
    expect(run.lines[3].domain).toBe('婚姻家庭');
  });

  it('eligibility: decisions in order; an invalid line names the line and the field; blank lines are skipped', async () => {
    const run = await lawline(['eligibility'], jsonl([
      { id: 'e1', matter: 'labour_remuneration', household: { size: 1, monthlyIncome: 1000 }, standard: { cityUrbanIncomePerYear: 60000 } },
      { id: 'e2', matter: 'labour_remuneration', household: { size: 'two' } },
      '',
      { id: 'e3', matter: 'labour_remuneration', household: { size: 1, monthlyIncome: 9000 }, standard: { cityUrbanIncomePerYear: 60000 } },
    ]));
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.id)).toEqual(['e1', 'e2', 'e3']);
    expect(run.lines[0].decision).toBe('eligible');
    expect(run.lines[1].error).toMatch(/^line 2: .*household\.size/);
    expect(run.lines[2].decision).toBe('not_eligible');
  });

  it('--help prints the usage and exits 0; an unknown command exits 2', async () => {
    const help = await lawline(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: lawline <command>');
    const unknown = await lawline(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command: frobnicate');
  });
});
