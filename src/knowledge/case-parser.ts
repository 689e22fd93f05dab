/**
 * @module knowledge/case-parser
 * Parses one LawRefBook typical-case Markdown file into its sections, and extracts cited articles (pure).
 */
import { chineseToInt, NUMERAL_CHARS } from '../text/chinese-numerals.js';
import type { LawRef, Topic } from './schemas/case.js';

/** Sections of a case after mapping the heading variants. */
export interface ParsedCase {
  title: string;
  caseName: string | null;
  publisher: string | null;
  publishedOn: string | null;
  facts: string;
  outcome: string | null;
  reasoning: string | null;
  significance: string | null;
  /** Terms from a 关键词 section, if any. */
  keywords: string[];
  /** Text of a 相关法条 section (quoted provisions), if any. */
  provisions: string | null;
  /** Headings that matched no known section (their text went to reasoning). */
  unknownHeadings: string[];
}

type Slot = 'facts' | 'claims' | 'outcome' | 'reasoning' | 'significance' | 'keywords' | 'provisions';

// Heading variants seen in the source; order matters (诉讼请求 before 裁判).
const SLOT_RULES: Array<[RegExp, Slot]> = [
  [/关键词/, 'keywords'],
  [/相关(法条|条文)/, 'provisions'],
  [/请求/, 'claims'],
  [/基本案情|简要案情|案情回顾|案情简介/, 'facts'],
  [/裁判结果|处理结果|法院裁判|判决结果/, 'outcome'],
  [/案例分析|裁判理由|适用解析|法官解读|法院认为/, 'reasoning'],
  [/典型意义|裁判要旨|裁判要点|指导意义/, 'significance'],
];

function slotOf(heading: string): Slot | null {
  for (const [re, slot] of SLOT_RULES) if (re.test(heading)) return slot;
  return null;
}

/** Splits a case file into title, header facts and mapped sections. */
export function parseCase(markdown: string): ParsedCase {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const marker = lines.findIndex((l) => l.trim() === '<!-- INFO END -->');
  const header = (marker >= 0 ? lines.slice(0, marker) : lines.slice(0, 1)).map((l) => l.trim()).filter(Boolean);
  const title = (header.find((l) => l.startsWith('# ')) ?? '').replace(/^#\s+/, '').trim();
  const publishedOn = header.find((l) => /^\d{4}-\d{2}-\d{2}$/.test(l)) ?? null;
  const publisher = header.find((l) => /发布$/.test(l))?.replace(/发布$/, '') ?? null;

  const slots = new Map<Slot, string[]>();
  const unknownHeadings: string[] = [];
  let caseName: string | null = null;
  let slot: Slot | null = null;
  for (const raw of lines.slice(marker >= 0 ? marker + 1 : 1)) {
    const line = raw.replace(/<!--.*?-->/g, '').trim();
    if (!line) continue;
    const h = /^#{2,6}\s*(.+)$/.exec(line);
    if (h) {
      const text = h[1]!.replace(/[\s\u3000]+$/, '').trim();
      slot = slotOf(text);
      if (slot === null) {
        // The first unknown heading before any section is the case name.
        if (caseName === null && slots.size === 0) caseName = text;
        else {
          unknownHeadings.push(text);
          slot = 'reasoning';
        }
      }
      continue;
    }
    if (slot === null) continue;
    slots.set(slot, [...(slots.get(slot) ?? []), line]);
  }
  const joined = (s: Slot): string | null => (slots.has(s) ? slots.get(s)!.join('\n') : null);
  const claims = joined('claims');
  const facts = [joined('facts'), claims ? `请求：${claims}` : null].filter(Boolean).join('\n');
  const keywords = (joined('keywords') ?? '')
    .replace(/[。.]$/, '')
    .split(/[、，,；;\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
  return {
    title,
    caseName,
    publisher,
    publishedOn,
    facts,
    outcome: joined('outcome'),
    reasoning: joined('reasoning'),
    significance: joined('significance'),
    keywords,
    provisions: joined('provisions'),
    unknownHeadings,
  };
}

/** Normalises a cited title so that 《中华人民共和国劳动合同法》 and 《劳动合同法》 compare equal. */
export function normaliseLawTitle(title: string): string {
  return title
    .replace(/中华人民共和国/g, '')
    .replace(/[〈〉《》<>\s]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/** A citation found in text, before checking it against the statute files. */
export interface RawCitation {
  /** The title as written (bracketed or bare). */
  cited: string;
  /** Resolved statute title, or null when no known title matches. */
  law: string | null;
  article: number;
}

const NUM = `[0-9${NUMERAL_CHARS}]+`;
const ARTICLE_RE = new RegExp(`第(${NUM})条`, 'g');
const BRACKET_BEFORE = /《([^《》]+)》(?:[（(][^）)]*[）)])?\s*$/;
// What may sit between two articles of one list: "、", "和", "第一款第（二）项、" …
const LIST_JOIN = new RegExp(`^(?:第[^条，。；]{0,8}?[款项])*[、和及与]?(?:以及)?$`);
const LOOKBACK = 80;

/**
 * Aliases a text declares for known titles: 《最高人民法院关于审理行政协议案件若干问题的规定》（以下简称
 * 《行政协议司法解释》） maps "行政协议司法解释" to that title. Cases of one set share such short names.
 */
export function collectAliases(text: string, known: Map<string, string>): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const m of text.matchAll(/《([^《》]+)》[（(]以下简称《?([^》）)]+)》?[）)]/g)) {
    const law = known.get(normaliseLawTitle(m[1]!));
    if (law) aliases.set(normaliseLawTitle(m[2]!), law);
  }
  return aliases;
}

/**
 * Finds article citations: 《劳动法》第四十四条, 《…》（以下简称《…》）第三条, lists (第三十条、第八十五条),
 * bare known titles (民法典第1217条), 该法第X条, and provision blocks ("第十二条 …" after a cited title).
 * `known` maps normalised titles to statute titles; aliases declared with 以下简称 are added per text.
 */
export function extractCitations(text: string, known: Map<string, string>): RawCitation[] {
  const out: RawCitation[] = [];
  const titles = new Map([...known, ...collectAliases(text, known)]);
  let prev: { cited: string; end: number } | null = null;
  for (const m of text.matchAll(ARTICLE_RE)) {
    const start = m.index!;
    const before = text.slice(Math.max(0, start - LOOKBACK), start);
    const lastBracket = [...text.slice(0, start).matchAll(/《([^《》]+)》/g)].at(-1)?.[1] ?? null;
    let cited: string | null = null;
    const bracket = BRACKET_BEFORE.exec(before);
    if (bracket) cited = bracket[1]!;
    else if (prev && LIST_JOIN.test(text.slice(prev.end, start))) cited = prev.cited;
    else if (/(该法|本法|同法)$/.test(before) || /(^|\n)$/.test(before)) {
      // 该法第X条, or a provision block line "第十二条 …" quoted under a cited title.
      cited = lastBracket;
    } else {
      const bare = before.replace(/[^\u4e00-\u9fff（）]+$/, '');
      for (let len = Math.min(bare.length, 30); len >= 2 && !cited; len -= 1) {
        const tail = bare.slice(-len);
        if (titles.has(normaliseLawTitle(tail))) cited = tail;
      }
    }
    if (cited === null) continue;
    out.push({ cited, law: titles.get(normaliseLawTitle(cited)) ?? null, article: chineseToInt(m[1]!) });
    prev = { cited, end: start + m[0].length };
  }
  return out;
}

/** Keeps resolved citations whose article exists, de-duplicated in first-seen order. */
export function keepExisting(
  raw: RawCitation[],
  exists: (law: string, article: number) => boolean,
): { kept: LawRef[]; dropped: RawCitation[] } {
  const kept: LawRef[] = [];
  const dropped: RawCitation[] = [];
  const seen = new Set<string>();
  for (const c of raw) {
    if (c.law === null || !exists(c.law, c.article)) {
      dropped.push(c);
      continue;
    }
    const key = `${c.law}#${c.article}`;
    if (!seen.has(key)) kept.push({ law: c.law, article: c.article });
    seen.add(key);
  }
  return { kept, dropped };
}

// Ordered content rules for sets with no fixed topic; first match wins.
const TOPIC_RULES: Array<[RegExp, Topic]> = [
  [/交通事故|搭乘|机动车/, '交通事故'],
  [/医疗|医院|辅助生殖|医美/, '医疗纠纷'],
  [/遗嘱|继承|婚姻|夫妻|离婚|监护|抚养|赡养|收养/, '婚姻家庭'],
  [/加班|劳动合同|劳动者|用人单位|工伤/, '劳动纠纷'],
  [/征收|拆迁|安置补偿|补偿安置/, '拆迁安置'],
  [/行政协议|行政机关|人民政府/, '行政诉讼'],
  [/名誉权|人格权|坠物|财产损害|侵权/, '侵权'],
  [/受伤|人身损害|体育活动|伤残/, '人身损害'],
  [/借款|保理|借贷|债务/, '债权债务'],
  [/抵押|担保|保证/, '抵押担保'],
  [/居住权|商品房|房屋买卖|租赁/, '房产纠纷'],
  [/消费者|经营者|网络购物|食品/, '消费权益'],
  [/合同|外挂|游戏/, '合同纠纷'],
];

/** Picks a topic from the title and case name first, then from the facts; 综合咨询 when nothing matches. */
export function chooseTopic(parsed: Pick<ParsedCase, 'title' | 'caseName' | 'facts'>): Topic {
  for (const text of [`${parsed.title} ${parsed.caseName ?? ''}`, parsed.facts]) {
    for (const [re, topic] of TOPIC_RULES) if (re.test(text)) return topic;
  }
  return '综合咨询';
}
