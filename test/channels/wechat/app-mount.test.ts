/**
 * The channel as mounted by createApp: 503 until WECHAT_TOKEN is set, then the WeChat protocol at /wechat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createApp } from '../../../src/server/app.js';
import type { Express } from 'express';
import { openLawlineState, type LawlineState } from '../../../src/server/lawline-state.js';
import { testConfig, testLawline } from '../../support/lawline.js';
import { replyFields, signedQuery, textXml, TOKEN } from './wechat-kit.js';

let server: Server | undefined;
let app: Express | undefined;
let state: LawlineState | undefined;
let dir: string | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (app) await closeApp(app);
  await state?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<string> {
  // A state database of its own, so other suites using the shared data dir cannot lock it.
  dir = mkdtempSync(join(tmpdir(), 'lawline-wechat-'));
  const config = testConfig({ ...env, LAWLINE_STATE_DIR: dir });
  state = await openLawlineState(config);
  app = await createApp({ ...testLawline(), config }, state);
  const listening = app.listen(0, '127.0.0.1');
  server = listening;
  await new Promise<void>((resolve) => listening.once('listening', resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/wechat`;
}

describe('/wechat in the app', () => {
  it('answers 503 while WECHAT_TOKEN is unset', async () => {
    const url = await start({});
    expect((await fetch(`${url}?${new URLSearchParams(signedQuery({ echostr: 'e' }))}`)).status).toBe(503);
  });

  it('verifies the URL and answers a text message with the real bot', async () => {
    const url = await start({ WECHAT_TOKEN: TOKEN });
    const echo = await fetch(`${url}?${new URLSearchParams(signedQuery({ echostr: 'hello' }))}`);
    expect(await echo.text()).toBe('hello');
    const res = await fetch(`${url}?${new URLSearchParams(signedQuery())}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body: textXml('谢谢', '9001', 'oAppMount'),
    });
    expect(replyFields(await res.text()).Content).toBe((await testLawline().ask('谢谢')).answer);
  });
});
