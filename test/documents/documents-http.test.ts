import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraftLinks } from '../../src/documents/draft-links.js';
import { createDocumentDraftRepository } from '../../src/storage/repositories/document-draft-repository.js';
import { createConversationStore } from '../../src/storage/repositories/directline-repository.js';
import { directLineCitizen, startServer, type ServerHarness } from '../support/server-harness.js';
import { docxText, pdfText } from './read-back.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(() => h.close());

const body = (over: Record<string, unknown> = {}) => ({
  kind: 'labour_arbitration_application', format: 'docx',
  fields: {
    applicant: { name: '李明华', idNumber: '44180219900101123X', phone: '13812345678' },
    respondent: { name: '清远市宏达电子有限公司' },
    claims: ['裁决被申请人支付拖欠工资8000元'], facts: '2024年6月被辞退。',
  },
  ...over,
});

async function post(json: unknown): Promise<Response> {
  return fetch(`${h.base}/api/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
}

describe('POST /api/v1/documents', () => {
  it('returns the DOCX with its content type and a file name, and the PDF', async () => {
    const docx = await post(body());
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(docx.headers.get('content-disposition')!.split("''")[1]!)).toBe('劳动人事争议仲裁申请书（草稿）.docx');
    expect(docx.headers.get('cache-control')).toBe('no-store');
    const text = await docxText(Buffer.from(await docx.arrayBuffer()));
    expect(text).toContain('李明华');
    expect(text).toContain('44180219900101123X');
    const pdf = await post(body({ format: 'pdf', county: '清城' }));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('清远市宏达电子有限公司');
  });

  it.each([
    ['kind', { kind: 'will' }],
    ['format', { format: 'odt' }],
    ['fields.applicant.name', { fields: { ...body().fields, applicant: { phone: '13812345678' } } }],
    ['fields.applicant.idNumber', { fields: { ...body().fields, applicant: { name: '李明华', idNumber: '12345' } } }],
    ['fields.claims', { fields: { ...body().fields, claims: 'pay me' } }],
    ['county', { county: '海淀区' }],
    ['variant', { kind: 'civil_complaint', variant: 'tax' }],
  ])('answers 400 naming %s', async (field, over) => {
    const res = await post(body(over));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}:`));
  });
});

describe('GET /api/v1/documents/kinds', () => {
  it('lists each kind with the fields it uses and where it goes', async () => {
    const res = await h.request('GET', '/api/v1/documents/kinds');
    expect(res.status).toBe(200);
    const kinds = res.body.kinds as Array<{ kind: string; fields: { applicant: string[]; respondent: string[] }; variants: Array<{ id: string }> }>;
    expect(kinds.map((k) => k.kind)).toEqual(['labour_arbitration_application', 'civil_complaint', 'legal_aid_application', 'mediation_application']);
    const labour = kinds[0]!;
    expect(labour.fields.applicant).toEqual(['name', 'gender', 'birthDate', 'idNumber', 'address', 'phone']);
    expect(labour.fields.respondent).toEqual(['name', 'address', 'legalRepresentative', 'phone']);
    expect(kinds[1]!.variants.map((v) => v.id)).toEqual(['loan', 'divorce', 'personal_injury']);
  });
});

describe('download links', () => {
  it('answer 410 with a clear message once expired, 404 when forged, 400 for an unknown format', async () => {
    const key = h.state.tokenSecret ?? (await createConversationStore(h.state.sql).signingKey());
    const repo = createDocumentDraftRepository(h.state.sql);
    const draft = { kind: 'mediation_application' as const, fields: { applicant: { name: '黄丽' }, respondent: { name: '邻居' }, claims: [], facts: '', evidence: [] } };
    const origin = { channelId: 'directline', conversationId: 'c1' };
    const expired = await createDraftLinks(repo, key, { ttlMs: 60_000, now: () => Date.now() - 120_000 }).issue(draft, origin);
    const gone = await fetch(`${h.base}/api/v1/documents/download/${expired.token}`);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: string }).error).toContain('下载链接已过期');
    const live = await createDraftLinks(repo, key, { ttlMs: 60_000 }).issue(draft, origin);
    const ok = await fetch(`${h.base}/api/v1/documents/download/${live.token}?format=pdf`);
    expect(ok.status).toBe(200);
    expect(await pdfText(Buffer.from(await ok.arrayBuffer()))).toContain('黄丽');
    const forged = live.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(`${h.base}/api/v1/documents/download/${forged}`)).status).toBe(404);
    expect((await fetch(`${h.base}/api/v1/documents/download/${live.token}?format=exe`)).status).toBe(400);
  });
});

describe('in a Direct Line conversation', () => {
  const texts = (activities: Array<{ text?: string }>) => activities.map((a) => a.text ?? '').join('\n');
  /** Answers each question until the draft's link arrives; returns the path of its Word file. */
  async function answerUntilLink(citizen: Awaited<ReturnType<typeof directLineCitizen>>, first: string, answers: Record<string, string>): Promise<{ path: string; transcript: string }> {
    let transcript = '';
    let replies = texts(await citizen.say(first));
    for (let turn = 0; turn < 10; turn++) {
      transcript += `${replies}\n`;
      const link = /(\/api\/v1\/documents\/download\/[\w.-]+\?format=docx)/.exec(replies);
      if (link) return { path: link[1]!, transcript };
      const asked = Object.keys(answers).find((q) => replies.includes(q));
      if (!asked) throw new Error(`unexpected question: ${replies}`);
      replies = texts(await citizen.say(answers[asked]!));
    }
    throw new Error(`no link after ten turns:\n${transcript}`);
  }

  it('「劳动仲裁申请书怎么写」 leads to a working download link that holds what the citizen said', async () => {
    const citizen = await directLineCitizen(h);
    // Told earlier in the conversation: offered as the facts of the draft.
    await citizen.say('我在英德的工厂上班，公司拖欠了我三个月工资一共12000元');
    const { path, transcript } = await answerUntilLink(citizen, '劳动仲裁申请书怎么写', {
      '（一般就是您本人）': '我叫李明华', '被申请人的名称': '英德市宏达电子有限公司', '哪些请求': '支付拖欠工资12000元', '您前面说过': '1', '证据': '工资条、考勤记录',
    });
    expect(transcript).toContain('公司拖欠了我三个月工资一共12000元');
    const docx = await fetch(h.base + path);
    expect(docx.status).toBe(200);
    const text = await docxText(Buffer.from(await docx.arrayBuffer()));
    for (const s of ['申请人：李明华', '被申请人：英德市宏达电子有限公司', '1. 支付拖欠工资12000元', '公司拖欠了我三个月工资一共12000元', '1. 工资条', '清远市劳动人事争议仲裁委员会']) {
      expect(text).toContain(s);
    }
    const pdf = await fetch(h.base + path.replace('format=docx', 'format=pdf'));
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('keeps the draft with the conversation\'s pre-application on request; only staff who read pre-applications can fetch it', async () => {
    const citizen = await directLineCitizen(h);
    const pre = await h.preapplications.create({
      name: '王秀兰', phone: '13912345678', county: '清城区', matter: 'labour_remuneration', summary: '欠薪',
      eligibility: { decision: 'eligible', meansTest: 'passed', codes: [], reasons: [] }, conversationId: citizen.conversationId, channelId: 'directline',
    });
    const { transcript } = await answerUntilLink(citizen, '帮我写仲裁申请', {
      '被申请人的名称': '清远市某某物流有限公司', '哪些请求': '跳过', '事情经过': '跳过', '证据': '跳过',
    });
    // The name came from the pre-application: it was not asked again.
    expect(transcript).not.toContain('的姓名：');
    const offer = texts(await citizen.read());
    const kept = texts(await citizen.say('附到预申请'));
    expect(`${transcript}${offer}`).toContain(`附在您的法律援助预申请（${pre.reference}）`);
    expect(kept).toContain(`草稿已附在预申请 ${pre.reference} 中`);

    const agent = await h.login('docs-agent', 'agent');
    const list = await h.request('GET', `/api/v1/preapplications/${pre.reference}/documents`, undefined, agent);
    expect(list.status).toBe(200);
    expect(list.body.documents).toEqual([{ id: expect.any(String), kind: 'labour_arbitration_application', createdAt: expect.any(String) }]);
    const file = await fetch(`${h.base}/api/v1/preapplications/${pre.reference}/documents/${list.body.documents[0].id}?format=docx`, { headers: { authorization: `Bearer ${agent}` } });
    expect(file.status).toBe(200);
    const text = await docxText(Buffer.from(await file.arrayBuffer()));
    expect(text).toContain('申请人：王秀兰');
    expect(text).toContain('联系电话：13912345678');
    const lawyer = await h.login('docs-lawyer', 'lawyer');
    expect((await h.request('GET', `/api/v1/preapplications/${pre.reference}/documents`, undefined, lawyer)).status).toBe(403);
    expect((await h.request('GET', `/api/v1/preapplications/${pre.reference}/documents`)).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('count the document endpoints like the other public ones', async () => {
    const limited = await startServer({ LAWLINE_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.base}/api/v1/documents/kinds`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
