/**
 * @module tools/import-cases
 * `npm run import:cases -- <LawRefBook-Laws dir | its 案例 dir> [--out case-library] [--laws knowledge/laws]`:
 * converts each typical case to case-library/<year>/<id>.yaml and prints a report. Deterministic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { stringify, parse as parseYaml } from 'yaml';
import {
  chooseTopic,
  collectAliases,
  extractCitations,
  keepExisting,
  normaliseLawTitle,
  parseCase,
  type ParsedCase,
  type RawCitation,
} from '../knowledge/case-parser.js';
import { caseSchema, type Case, type Topic } from '../knowledge/schemas/case.js';
import { lawFileSchema, type LawFile } from '../knowledge/schemas/law.js';
import { loadManifest } from '../knowledge/statutes.js';

/** Known case sets: id slug and, where the whole set has one subject, its topic. */
const SETS: Record<string, { slug: string; topic: Topic | null }> = {
  劳动人事: { slug: 'labour-overtime', topic: '劳动纠纷' },
  民法典: { slug: 'civil-code', topic: null },
  消费购物: { slug: 'consumer', topic: '消费权益' },
  行政协议诉讼: { slug: 'admin-agreement', topic: '行政诉讼' },
};

// Generic words that say nothing about a case.
const STOP = new Set(
  `
  原告 被告 法院 人民法院 案件 本案 规定 请求 判决 公司 单位 有限公司 情况 问题 事实 行为 责任 法律 合同 一审 二审 申请人 被申请人 当事人 案例 要求 期间 支付 认定
  约定 提出 没有 进行 存在 具有 作出 审理 依法 应当 相关 主张 证据 我国 甲未 案一审 需承担 出名门 距离 基本 普通 管理 社会 裁判 情形 时间 条件 内容 方式 双方 权利
  关系 后果 机关 前置 生效 法定 服务 义务 效力 基础 利益 程序 遗留 职责 小时 委员会 工作 争议 协议 行政 民事 诉讼 规范 标准 商品 信息 质量 费用 消费 升级 金额
  款项 交易 压实 记录 产品 销售 技术 人体 项目 建设 单方 优先 片区 纠纷 宣传 商业 个人 现场
`.split(/\s+/).filter(Boolean),
);

const jieba = Jieba.withDict(dict);
// Legal terms the default dictionary splits apart, so they can surface as keywords whole.
const LEGAL_TERMS = [
  '行政协议', '加班费', '包薪制', '惩罚性赔偿', '预付卡', '格式条款', '居住权', '好意同乘', '无偿搭乘', '高空坠物',
  '人格权禁令', '公序良俗', '保理合同', '打印遗嘱', '夫妻共同财产', '撤销婚姻', '国家监护', '自甘风险', '征收补偿',
  '补偿安置协议', '拆迁安置', '特许经营', '进货查验', '十倍赔偿', '捆绑交易',
];
jieba.loadDict(Buffer.from(LEGAL_TERMS.map((w) => `${w} 20000 n`).join('\n')));
const tfidf = TfIdf.withDict(idf);
// Dictionary words only: HMM guesses produce fragments such as "案一审".
tfidf.setConfig({ useHmm: false, minKeywordLength: 2 });

function keywordsFor(parsed: ParsedCase): string[] {
  const out = [...parsed.keywords.filter((k) => !['民事', '行政'].includes(k))];
  const text = [parsed.title, parsed.facts, parsed.reasoning, parsed.significance].filter(Boolean).join('\n');
  const found = tfidf
    .extractKeywords(jieba, text, 40, ['n', 'vn', 'nz', 'l'])
    .map((k) => k.keyword)
    .filter((k) => k.length >= 2 && !/某|[0-9A-Za-z]|法$|公司$/.test(k) && !STOP.has(k))
    // Fragments of party names ("某科技有限公司" → 科技) are not subject terms.
    .filter((k) => !new RegExp(`某[^，。、]{0,6}${k}|${k}(有限|公司|集团|店)`).test(text));
  for (const k of found) if (out.length < 8 && !out.includes(k)) out.push(k);
  return out.slice(0, 10);
}

/** Latest year an event is dated in; range ends ("至2023年6月1日", a contract term) are not events. */
function latestYear(texts: string[]): number | null {
  const years = texts.flatMap((t) =>
    [...t.matchAll(/(?<![至到～~—-])((?:19|20)\d{2})年/g)].map((m) => Number(m[1])),
  );
  return years.length ? Math.max(...years) : null;
}

interface Item { rel: string; set: string; parsed: ParsedCase; text: string }

function main(argv: string[]): void {
  const opt = (name: string, dflt: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1]! : dflt;
  };
  const outDir = opt('--out', 'case-library');
  const lawsDir = opt('--laws', 'knowledge/laws');
  const given = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? '../shared/data/LawRefBook-Laws';
  const caseRoot = fs.existsSync(path.join(given, '案例')) ? path.join(given, '案例') : given;

  const items: Item[] = [];
  for (const set of fs.readdirSync(caseRoot).filter((d) => fs.statSync(path.join(caseRoot, d)).isDirectory()).sort()) {
    for (const name of fs.readdirSync(path.join(caseRoot, set)).filter((f) => f.endsWith('.md') && f !== '_index.md').sort()) {
      const md = fs.readFileSync(path.join(caseRoot, set, name), 'utf8');
      items.push({ rel: `案例/${set}/${name}`, set, parsed: parseCase(md), text: md });
    }
  }

  // Citation look-ups against the current statute versions.
  const manifest = loadManifest(lawsDir);
  const titles = new Map<string, string>();
  const currentFile = new Map<string, string>();
  for (const m of manifest) {
    titles.set(normaliseLawTitle(m.title), m.title);
    if (m.status === 'current' && !currentFile.has(m.title)) currentFile.set(m.title, m.file);
  }
  const lawCache = new Map<string, LawFile>();
  const exists = (law: string, article: number): boolean => {
    const file = currentFile.get(law);
    if (!file) return false;
    if (!lawCache.has(law)) {
      lawCache.set(law, lawFileSchema.parse(JSON.parse(fs.readFileSync(path.join(lawsDir, file), 'utf8'))));
    }
    return lawCache.get(law)!.articles.some((a) => a.number === article);
  };

  // Short names declared in one case (以下简称) are used bare in its siblings.
  for (const item of items) for (const [k, v] of collectAliases(item.text, titles)) titles.set(k, v);

  const cases: Case[] = [];
  const dropped: Array<{ id: string; c: RawCitation }> = [];
  const yearNotes: string[] = [];
  const setNames = [...new Set(items.map((i) => i.set))];
  for (const set of setNames) {
    const info = SETS[set] ?? { slug: `set-${setNames.indexOf(set) + 1}`, topic: null };
    const members = items.filter((i) => i.set === set);
    const undated = members.filter((i) => !i.parsed.publishedOn);
    // No publication date printed: the latest year in the set's texts is a lower bound for it.
    const fallback = latestYear(undated.map((i) => i.text)) ?? latestYear(members.map((i) => i.text));
    const counters = new Map<number, number>();
    for (const item of members) {
      const p = item.parsed;
      const year = p.publishedOn ? Number(p.publishedOn.slice(0, 4)) : fallback;
      if (year === null) throw new Error(`${item.rel}: year: no date found in the case set ${set}`);
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      const id = `${year}-${info.slug}-${String(n).padStart(2, '0')}`;
      const raw = extractCitations([p.facts, p.outcome, p.reasoning, p.significance, p.provisions].filter(Boolean).join('\n'), titles);
      const { kept, dropped: lost } = keepExisting(raw, exists);
      dropped.push(...lost.map((c) => ({ id, c })));
      cases.push(caseSchema.parse({
        id, year, yearBasis: p.publishedOn ? 'published' : 'latest-year-in-set',
        title: p.title, caseName: p.caseName, publisher: p.publisher, publishedOn: p.publishedOn,
        topic: info.topic ?? chooseTopic(p), keywords: keywordsFor(p),
        facts: p.facts, outcome: p.outcome, reasoning: p.reasoning, significance: p.significance,
        citedArticles: kept, source: item.rel, reviewed: null,
      }));
      if (p.unknownHeadings.length) yearNotes.push(`${id}: unmapped headings ${p.unknownHeadings.join(', ')} → reasoning`);
    }
    yearNotes.push(`${set}: ${undated.length ? `${undated.length} undated → ${fallback} (latest year in the set's texts)` : 'all dated'}` +
      `${members.length > undated.length ? `; ${members.length - undated.length} with a printed publication date` : ''}`);
  }
  write(cases, outDir);
  report(cases, dropped, yearNotes, outDir);
}

function write(cases: Case[], outDir: string): void {
  // A case's review stands while its citations are the same; a changed citation list needs a new review.
  const earlier = new Map<string, Pick<Case, 'reviewed' | 'citedArticles'>>();
  // Replace only the files this tool made (source under 案例/); hand-added cases stay.
  if (fs.existsSync(outDir)) {
    for (const year of fs.readdirSync(outDir).filter((d) => /^\d{4}$/.test(d))) {
      for (const f of fs.readdirSync(path.join(outDir, year)).filter((n) => n.endsWith('.yaml'))) {
        const file = path.join(outDir, year, f);
        const doc = parseYaml(fs.readFileSync(file, 'utf8')) as (Partial<Case> & { source?: unknown }) | null;
        if (doc?.id && doc.reviewed && doc.citedArticles) earlier.set(doc.id, { reviewed: doc.reviewed, citedArticles: doc.citedArticles });
        if (typeof doc?.source === 'string' && doc.source.startsWith('案例/')) fs.rmSync(file);
      }
      if (fs.readdirSync(path.join(outDir, year)).length === 0) fs.rmdirSync(path.join(outDir, year));
    }
  }
  for (const c of cases) {
    const before = earlier.get(c.id);
    if (before && JSON.stringify(before.citedArticles) === JSON.stringify(c.citedArticles)) c.reviewed = before.reviewed;
    const target = path.join(outDir, String(c.year), `${c.id}.yaml`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, stringify(c, { lineWidth: 0 }));
  }
}

function report(cases: Case[], dropped: Array<{ id: string; c: RawCitation }>, notes: string[], outDir: string): void {
  console.log(`wrote ${cases.length} cases → ${outDir}`);
  const years = new Map<number, number>();
  for (const c of cases) years.set(c.year, (years.get(c.year) ?? 0) + 1);
  console.log(`per year: ${[...years].sort((a, b) => a[0] - b[0]).map(([y, n]) => `${y} ${n}`).join(', ')}`);
  for (const n of notes) console.log(`  ${n}`);
  const cited = cases.reduce((n, c) => n + c.citedArticles.length, 0);
  console.log(`\ncited articles kept: ${cited}; dropped: ${dropped.length}`);
  for (const c of cases) {
    console.log(`  ${c.id} [${c.topic}] ${c.title.slice(0, 24)} | ${c.keywords.join('、')} | ` +
      `${c.citedArticles.map((r) => `${r.law}${r.article}`).join(' ')}`);
  }
  console.log('\ndropped citations (title not in knowledge/laws, or article not in its current version):');
  for (const { id, c } of dropped) console.log(`  ${id}: 《${c.cited}》第${c.article}条${c.law ? ` (→ ${c.law})` : ''}`);
}

main(process.argv.slice(2));
