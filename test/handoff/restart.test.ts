/**
 * kill -9 loses nothing: a child process writes tickets, a live chat and an offer in flight, and is killed with
 * SIGKILL; the module reopened over the same file has every ticket and message, re-offers the offer that was in
 * flight, and the live chat goes on.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateDatabase } from '../../src/storage/open-state-database.js';
import { makeHandoff } from './handoff-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'lawline-handoff-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChildUntilReady(): Promise<{ ids: { live: string; inFlight: string; waiting: string; offeredTo: string }; killed: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-child.ts', import.meta.url)), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const killed = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      const ids = JSON.parse(line.slice(6));
      child.kill('SIGKILL');
      resolve({ ids, killed });
    });
  });
}

describe('restart after kill -9', () => {
  it('keeps every ticket and message, re-offers offers in flight, and the live chat continues', async () => {
    const { ids, killed } = await runChildUntilReady();
    expect(await killed).toBe('SIGKILL');

    const sql = await openStateDatabase({ dir });
    const h = await makeHandoff({ sql });
    const { store, lawyers, citizens } = h.service;
    expect(h.service.roster().map((l) => l.username)).toEqual(['a', 'b']);

    const live = (await store.getTicket(ids.live))!;
    expect(live).toMatchObject({ status: 'assigned', lawyer: 'a' });
    expect((await store.messages(ids.live)).map((m) => [m.kind, m.text])).toEqual([
      ['system', expect.stringContaining('已接入')], ['lawyer', '您好，我是值班律师'], ['citizen', '工资欠了三个月'],
    ]);
    expect(live.transcript.map((l) => l.text)).toEqual(['老板拖欠工资']);

    // The offer in flight went back to the queue and out again; the queue kept its order.
    expect(ids.offeredTo).toBe('b');
    expect((await store.getTicket(ids.inFlight))).toMatchObject({ status: 'offered', offeredTo: 'b' });
    expect((await store.offers(ids.inFlight)).map((o) => o.outcome)).toEqual(['reset', 'pending']);
    expect((await store.auditLog(ids.inFlight)).map((e) => e.event)).toContain('offer_reset_on_start');
    expect(store.queue().map((t) => t.id)).toEqual([ids.inFlight, ids.waiting]);
    expect((await store.messages(ids.waiting)).map((m) => m.text)).toEqual(['我还在等']);

    // The live chat continues both ways over the new process's channel.
    await lawyers.send(ids.live, 'a', '请把劳动合同拍照发来');
    expect(h.texts('c-live')).toEqual(['【a律师律师】请把劳动合同拍照发来']);
    expect((await citizens.message('directline', 'c-live', '好的'))).toMatchObject({ taken: true, replies: [] });
    expect((await store.messages(ids.live)).at(-1)).toMatchObject({ kind: 'citizen', text: '好的' });
    await h.service.close();
    await sql.close();
  });
});
