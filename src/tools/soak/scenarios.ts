/**
 * @module tools/soak/scenarios
 * What a citizen, a hotline agent or a duty lawyer does, as sequences of real requests: ask, check eligibility,
 * chat on Direct Line and WeChat, submit a pre-application in the chat, and a whole hand-off (ask for a person, the
 * lawyer accepts and writes, the citizen answers, the lawyer closes, the citizen rates). Each write the server
 * acknowledged is reported to `ack`, so a crash test can check it survived.
 */
import { randomInt } from 'node:crypto';
import { wechatSignature } from '../../channels/wechat/signature.js';
import { startCitizen, textOf } from './citizen.js';
import type { HttpClient } from './http-client.js';
import type { LawyerDesk } from './lawyer-desk.js';

/** A write the server answered 2xx (or whose reply confirmed it). */
export type Acknowledged =
  | { kind: 'preapplication'; reference: string; phone: string }
  | { kind: 'ticket'; ticketId: string; conversationId: string }
  | { kind: 'lawyer-message' | 'citizen-message'; ticketId: string; text: string }
  | { kind: 'rating'; ticketId: string; lawyer: string; score: number };

export interface ScenarioContext {
  http: HttpClient;
  desk?: LawyerDesk;
  /** WeChat's server token, when the server has the channel configured. */
  wechatToken?: string;
  ack(write: Acknowledged): void;
}

const QUESTIONS = ['公司拖欠工资怎么办', '离婚后孩子归谁抚养', '交通事故对方全责怎么赔偿', '借钱不还可以起诉吗', '被狗咬了谁负责', '工伤认定需要什么材料', '房东不退押金怎么办'];
const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)]!;
const ok = (status: number) => status >= 200 && status < 300;

class ScenarioError extends Error {}
function expect2xx(what: string, status: number): void {
  if (!ok(status)) throw new ScenarioError(`${what}: ${status}`);
}

export async function ask({ http }: ScenarioContext): Promise<void> {
  expect2xx('ask', (await http.call('api.ask', 'POST', '/api/v1/ask', { body: { text: pick(QUESTIONS) } })).status);
}

export async function eligibility({ http }: ScenarioContext): Promise<void> {
  const body = { id: `soak-${randomInt(1e9)}`, matter: 'labour_remuneration', household: { size: 1 + randomInt(5), monthlyIncome: 500 + randomInt(5000) } };
  expect2xx('eligibility', (await http.call('api.eligibility', 'POST', '/api/v1/eligibility', { body })).status);
}

export async function directLineChat({ http }: ScenarioContext): Promise<void> {
  const citizen = await startCitizen(http);
  for (let i = 0; i < 2; i++) expect2xx('directline say', (await citizen.say(pick(QUESTIONS))).status);
}

let wechatMsgId = BigInt(Date.now()) * 1000n;
/** A signed plaintext-mode text message from a random follower, as WeChat's servers post it. */
export async function wechatChat({ http, wechatToken }: ScenarioContext): Promise<void> {
  if (!wechatToken) return;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(randomInt(1e9));
  const openid = `oSoak${randomInt(1000)}`;
  const xml = `<xml><ToUserName><![CDATA[gh_lawline_soak]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${pick(QUESTIONS)}]]></Content>` +
    `<MsgId>${(wechatMsgId++).toString()}</MsgId></xml>`;
  const query = { signature: wechatSignature(wechatToken, timestamp, nonce), timestamp, nonce, openid };
  expect2xx('wechat', (await http.call('wechat.message', 'POST', '/wechat', { body: xml, type: 'text/xml', query })).status);
}

const ELIGIBLE = '我在英德，家里4口人，每月收入3000，公司欠我工资，能申请法律援助吗';

/** The eligibility check in the chat, then 1 (pre-apply), name, phone, 1 (confirm): the reply carries the reference. */
export async function preapplication({ http, ack }: ScenarioContext): Promise<void> {
  const citizen = await startCitizen(http);
  const phone = `138${String(randomInt(1e8)).padStart(8, '0')}`;
  let last = '';
  for (const text of [ELIGIBLE, '1', '我叫王小明', phone, '1']) {
    const said = await citizen.say(text);
    expect2xx('preapplication say', said.status);
    last = textOf(said.replies);
  }
  const reference = /LA-\d{8}-\d{4}/.exec(last)?.[0];
  if (!reference) throw new ScenarioError(`preapplication: no reference in ${JSON.stringify(last.slice(0, 200))}`);
  ack({ kind: 'preapplication', reference, phone });
}

/** A whole hand-off; needs the lawyer desk. */
export async function handoff({ http, desk, ack }: ScenarioContext): Promise<void> {
  if (!desk) return;
  const citizen = await startCitizen(http);
  expect2xx('handoff ask', (await citizen.say(pick(QUESTIONS))).status);
  const asked = await citizen.say('转人工');
  expect2xx('handoff request', asked.status);
  if (!/排队|转接|值班律师/.test(textOf(asked.replies))) throw new ScenarioError(`handoff: not queued: ${textOf(asked.replies).slice(0, 200)}`);
  const { ticketId, lawyer } = await desk.taken(citizen.conversationId, 20_000);
  ack({ kind: 'ticket', ticketId, conversationId: citizen.conversationId });
  const lawyerText = `您好，请问有劳动合同吗？(${randomInt(1e9)})`;
  const sent = await http.call('lawyer.message', 'POST', `/api/v1/handoff/${ticketId}/messages`, { body: { text: lawyerText }, token: lawyer.token });
  expect2xx('lawyer message', sent.status);
  ack({ kind: 'lawyer-message', ticketId, text: lawyerText });
  const citizenText = `有的，签了两年 ${randomInt(1e9)}`;
  expect2xx('citizen message', (await citizen.say(citizenText)).status);
  ack({ kind: 'citizen-message', ticketId, text: citizenText });
  const closed = await http.call('lawyer.close', 'POST', `/api/v1/handoff/${ticketId}/close`, { body: { returnToBot: true }, token: lawyer.token });
  expect2xx('lawyer close', closed.status);
  await citizen.read();
  const score = 1 + randomInt(5);
  const rated = await citizen.say(`${score} 谢谢`);
  expect2xx('rating', rated.status);
  if (!textOf(rated.replies).includes('感谢您的评价')) throw new ScenarioError(`rating not taken: ${textOf(rated.replies).slice(0, 200)}`);
  ack({ kind: 'rating', ticketId, lawyer: lawyer.username, score });
}

export const SCENARIOS = { ask, eligibility, directLineChat, wechatChat, preapplication, handoff } as const;
export type ScenarioName = keyof typeof SCENARIOS;
