import { mkdtempSync, writeFileSync, rmSync, readdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../../src/config/region.js';
import { DOCUMENT_KINDS, DOCUMENTS_DIR, documentKinds, loadDocumentKinds } from '../../src/documents/document-kinds.js';
import { BLANK } from '../../src/documents/draft-layout.js';
import type { DraftSpec } from '../../src/documents/draft-request.js';
import { renderDraft } from '../../src/documents/render-draft.js';
import { docxText, pdfText } from './read-back.js';

const region = loadRegion();

const labour: DraftSpec = {
  kind: 'labour_arbitration_application',
  fields: {
    applicant: { name: '李明华', gender: '男', phone: '13812345678' },
    respondent: { name: '清远市宏达电子有限公司', legalRepresentative: '周建国' },
    claims: ['裁决被申请人支付2024年4月至5月拖欠工资8000元', '裁决被申请人支付解除劳动合同经济补偿12000元'],
    facts: '申请人于2022年3月1日入职被申请人处任操作工。\n2024年6月3日被申请人口头通知辞退申请人。',
    evidence: ['工资条两张', '微信聊天记录'],
  },
};

/** Characters of `text` outside the font's reach would come back as nothing or as replacement marks. */
const flat = (s: string) => s.replace(/\s+/g, '');

describe('a labour-arbitration application', () => {
  it('as DOCX opens as a zip whose document XML holds both parties, the claims and the receiving body', async () => {
    const file = await renderDraft(labour, 'docx', region);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.body.subarray(0, 2).toString()).toBe('PK');
    const text = await docxText(file.body);
    for (const s of ['劳动人事争议仲裁申请书', '申请人：李明华', '被申请人：清远市宏达电子有限公司', '法定代表人（主要负责人）：周建国',
      ...labour.fields.claims, '2024年6月3日被申请人口头通知辞退申请人。', '1. 工资条两张', '此致', '清远市劳动人事争议仲裁委员会', '申请人（签名）']) {
      expect(text).toContain(s);
    }
    // In the order the model texts use: parties, claims, facts, evidence, the body, the signature.
    const order = ['申请人：', '仲裁请求', '事实与理由', '证据和证据来源', '此致', '清远市劳动人事争议仲裁委员会', '申请人（签名）'].map((s) => text.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Fields the citizen did not give are visible blanks, not dropped.
    expect(text).toContain(`出生日期：${BLANK}`);
    expect(text).toContain(`公民身份号码：${BLANK}`);
  });

  it('as PDF starts with %PDF, embeds a subset Chinese font with a ToUnicode map, and reads back', async () => {
    const file = await renderDraft(labour, 'pdf', region);
    expect(file.contentType).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = file.body.toString('latin1');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/ToUnicode \d+ 0 R/);
    // Subset: only the glyphs used, not the 10 MB font.
    expect(file.body.length).toBeLessThan(200_000);
    const text = flat(await pdfText(file.body));
    for (const s of ['劳动人事争议仲裁申请书', '申请人：李明华', '被申请人：清远市宏达电子有限公司', flat(labour.fields.claims[1]!), '清远市劳动人事争议仲裁委员会', `出生日期：${BLANK}`]) {
      expect(text).toContain(flat(s));
    }
  });
});

describe('every kind', () => {
  it('is declared for every kind the API offers', () => {
    expect([...documentKinds().keys()].sort()).toEqual([...DOCUMENT_KINDS].sort());
  });

  it.each(DOCUMENT_KINDS)('%s renders in both formats with blanks for what is missing', async (kind) => {
    const spec = documentKinds().get(kind)!;
    const draft: DraftSpec = { kind, fields: { applicant: { name: '王秀兰' }, respondent: { name: '陈大文' }, claims: [], facts: '', evidence: [] } };
    const docx = await docxText((await renderDraft(draft, 'docx', region)).body);
    const pdf = flat(await pdfText((await renderDraft(draft, 'pdf', region)).body));
    for (const text of [docx, pdf]) {
      expect(text).toContain(spec.title);
      expect(text).toContain(flat(`${spec.applicant.role}：王秀兰`));
      expect(text).toContain(flat(`${spec.respondent.role}：陈大文`));
      for (const section of spec.sections) expect(text).toContain(flat(`${section.heading}：`));
      expect(text).toContain(flat(spec.receiver.blank.replace(/＿+/, '')));
      expect(text).toContain(flat(spec.signature));
      // Claims, facts and the rest were empty: each section shows a blank.
      expect(text.split(BLANK).length - 1).toBeGreaterThanOrEqual(spec.sections.length);
    }
  });
});

describe('the receiving body', () => {
  it('is the county court the region file names, and a visible blank where it names none', async () => {
    const base: DraftSpec = { kind: 'civil_complaint', variant: 'loan', fields: { applicant: { name: '甲' }, respondent: { name: '乙' }, claims: [], facts: '', evidence: [] } };
    const qingcheng = await renderDraft({ ...base, county: '清城' }, 'docx', region);
    expect(qingcheng.receiver).toMatchObject({ name: '清远市清城区人民法院', fromRegion: true });
    expect(await docxText(qingcheng.body)).toContain('清远市清城区人民法院');
    const unknown = await renderDraft({ ...base, county: '英德市' }, 'docx', region);
    expect(unknown.receiver).toMatchObject({ name: '＿＿＿人民法院', fromRegion: false });
    const none = await renderDraft(base, 'docx', region);
    expect(none.receiver.fromRegion).toBe(false);
  });

  it('refuses a county outside Qingyuan and a case type the kind does not have, naming the field', async () => {
    const base: DraftSpec = { kind: 'civil_complaint', fields: { applicant: {}, respondent: {}, claims: [], facts: '', evidence: [] } };
    await expect(renderDraft({ ...base, county: '海淀区' }, 'pdf', region)).rejects.toThrow(/^county:/);
    await expect(renderDraft({ ...base, variant: 'tax' }, 'pdf', region)).rejects.toThrow(/^variant:.*loan, divorce, personal_injury/);
  });
});

describe('kind files', () => {
  it('name the file and the field when one is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lawline-kinds-'));
    try {
      for (const f of readdirSync(DOCUMENTS_DIR)) copyFileSync(join(DOCUMENTS_DIR, f), join(dir, f));
      writeFileSync(join(dir, 'mediation-application.yaml'), 'kind: mediation_application\ntitle: 人民调解申请书\n');
      expect(() => loadDocumentKinds(dir)).toThrow(/mediation-application\.yaml: .*label/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
