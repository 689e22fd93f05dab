/**
 * @module knowledge/statute-parser
 * Parses one LawRefBook Markdown statute into articles (pure; no file access).
 */
import { chineseToInt, NUMERAL_CHARS } from '../text/chinese-numerals.js';
import type { Article, LawKind } from './schemas/law.js';

/** What {@link parseStatute} returns for one Markdown file. */
export interface ParsedStatute {
  /** The first `# ` heading as printed. */
  fullTitle: string;
  /** Further `# ` headings in the header (民法典 parts: "合同编"). */
  subTitles: string[];
  /** Non-heading lines of the header (adoption, amendments, 施行), as printed. */
  history: string[];
  articles: Article[];
  /** Paragraphs before the first article with their headings (e.g. 序言), or "" when there is no text. */
  preamble: string;
  /** Text under headings that hold no article after the articles began (annexes, 附件), with those headings. */
  appendix: string;
  /** How many such paragraphs there were. */
  strayParagraphs: number;
}

const NUM = `[${NUMERAL_CHARS}0-9]`;
// Either whitespace after 条 (the normal form) or a stray space before 条 (刑事诉讼法 "第一百二十八 条侦查…").
const ARTICLE_RE = new RegExp(`^第(${NUM}+)(\\s*)条(之(${NUM}+))?(\\s*)(.*)$`);
const COMMENT_RE = /<!--.*?-->/g;
// Zero-width characters pad some source files (公司法 has lines holding only U+200B).
const INVISIBLE_RE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Collapses runs of ASCII/ideographic spaces to one ASCII space. */
export function squashSpaces(s: string): string {
  return s.replace(/[\s\u3000]+/g, ' ').trim();
}

/** Returns the label, number and remaining text when a paragraph starts a new article, else null. */
export function matchArticleStart(
  paragraph: string,
): { number: number; label: string; rest: string } | null {
  const m = ARTICLE_RE.exec(paragraph);
  if (!m) return null;
  const [, numeral, innerSpace, suffix, , outerSpace, rest] = m;
  const plain = (rest ?? '').trim();
  // "第三十一条的决定" inside running text is not an article start.
  if (!innerSpace && !outerSpace && plain !== '') return null;
  return {
    number: chineseToInt(numeral!),
    label: `第${numeral!.replace(/\s+/g, '')}条${suffix ?? ''}`,
    rest: plain,
  };
}

type HeadingRole = 'part' | 'subpart' | 'chapter' | 'section';

function headingRole(level: number, text: string): HeadingRole {
  if (/^第\S+分编/.test(text)) return 'subpart';
  if (/^第\S+编/.test(text)) return 'part';
  if (/^第\S+章/.test(text)) return 'chapter';
  if (/^第\S+节/.test(text)) return 'section';
  return level <= 2 ? 'chapter' : 'section';
}

/**
 * Parses a statute. `part` seeds the 编 prefix for files that are one part of a code (民法典/合同编.md).
 */
export function parseStatute(markdown: string, options: { part?: string } = {}): ParsedStatute {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const markerAt = lines.findIndex((l) => l.trim() === '<!-- INFO END -->');
  const titleLines = lines
    .slice(0, markerAt >= 0 ? markerAt : lines.findIndex((l) => l.startsWith('# ')) + 1)
    .filter((l) => /^#\s/.test(l))
    .map((l) => squashSpaces(l.replace(/^#\s+/, '')));
  const fullTitle = titleLines[0] ?? '';
  const history = markerAt >= 0
    ? lines.slice(0, markerAt).map((l) => squashSpaces(l.replace(COMMENT_RE, ''))).filter((l) => l !== '' && !l.startsWith('#'))
    : [];
  const bodyLines =
    markerAt >= 0 ? lines.slice(markerAt + 1) : lines.slice(lines.findIndex((l) => /^#\s/.test(l)) + 1);

  const ctx = { part: options.part ?? null, subpart: null as string | null, chapter: null as string | null };
  let section: string | null = null;
  const articles: Article[] = [];
  const preamble: string[] = [];
  let preambleHasText = false;
  let current: { head: Omit<Article, 'text'>; paras: string[] } | null = null;
  let afterHeading = false;
  let strayParagraphs = 0;
  const appendix: string[] = [];
  let pendingHeadings: string[] = [];
  // Role of a heading that the previous line was, for headings wrapped onto a second line.
  let justHeading: HeadingRole | null = null;

  const flush = (): void => {
    if (current) articles.push({ ...current.head, text: current.paras.join('\n') || current.head.label });
    current = null;
  };
  const chapterLabel = (): string | null => {
    const parts = [ctx.part, ctx.subpart, ctx.chapter].filter((p): p is string => p !== null);
    return parts.length > 0 ? parts.join(' ') : null;
  };

  for (const raw of bodyLines) {
    const line = raw.replace(COMMENT_RE, '').replace(INVISIBLE_RE, '').trim();
    if (line === '') continue;
    const heading = /^(#{1,6})(?:\s+(.*))?$/.exec(line);
    if (heading) {
      const text = squashSpaces(heading[2] ?? '');
      if (text === '') continue; // a bare "##" (民法典/附则.md) carries nothing
      flush();
      const role = headingRole(heading[1]!.length, text);
      if (role === 'part') Object.assign(ctx, { part: text, subpart: null, chapter: null });
      else if (role === 'subpart') Object.assign(ctx, { subpart: text, chapter: null });
      else if (role === 'chapter') ctx.chapter = text;
      if (role !== 'section') section = null;
      else section = text;
      if (articles.length === 0) preamble.push(text);
      else pendingHeadings.push(text);
      afterHeading = true;
      // An annex heading ("附件") is followed by captions, not by the rest of a wrapped heading.
      justHeading = /^附/.test(text) ? null : role;
      continue;
    }
    const wrapped = justHeading;
    justHeading = null;
    if (wrapped && line.length <= 20 && !/[\s。；：，,;:]/.test(line) && !matchArticleStart(line)) {
      // "### 第四章 犯罪嫌疑人、被告人逃匿、死亡案件" + "违法所得的没收程序" is one heading.
      if (wrapped === 'section') section = `${section ?? ''}${line}`;
      else if (wrapped === 'chapter') ctx.chapter = `${ctx.chapter ?? ''}${line}`;
      else if (wrapped === 'subpart') ctx.subpart = `${ctx.subpart ?? ''}${line}`;
      else ctx.part = `${ctx.part ?? ''}${line}`;
      if (articles.length === 0) preamble[preamble.length - 1] += line;
      else pendingHeadings[pendingHeadings.length - 1] += line;
      continue;
    }
    const start = matchArticleStart(line);
    if (start) {
      flush();
      current = {
        head: { number: start.number, label: start.label, chapter: chapterLabel(), section },
        paras: start.rest ? [start.rest] : [],
      };
      afterHeading = false;
      pendingHeadings = [];
      continue;
    }
    if (current && !afterHeading) {
      current.paras.push(line);
    } else if (articles.length === 0) {
      preamble.push(line);
      preambleHasText = true;
    } else {
      // Text under a heading that holds no article (e.g. 附件): kept apart from the articles.
      strayParagraphs += 1;
      appendix.push(...pendingHeadings, line);
      pendingHeadings = [];
    }
  }
  flush();
  return {
    fullTitle,
    subTitles: titleLines.slice(1),
    history,
    articles,
    // Headings alone ("第一章 总则") are not a preamble; a 序言 with text is.
    preamble: preambleHasText ? preamble.join('\n') : '',
    appendix: appendix.join('\n'),
    strayParagraphs,
  };
}

/** Drops a leading 中华人民共和国 (the shared law-reference convention). */
export function shortTitle(fullTitle: string): string {
  return fullTitle.replace(/^中华人民共和国/, '');
}

/** The version date "YYYY-MM-DD" in a file name like "劳动合同法(2012-12-28).md", or null. */
export function versionDateFromName(fileName: string): string | null {
  const m = /\((\d{4}-\d{2}-\d{2})\)(\.md)?$/.exec(fileName);
  return m ? m[1]! : null;
}

/** The category for a path relative to the snapshot root: its top folder, or "DLC/<second>" under DLC. */
export function categoryOf(relPath: string): string {
  const parts = relPath.split('/');
  return parts[0] === 'DLC' ? `DLC/${parts[1] ?? ''}` : parts[0]!;
}

const KIND_BY_CATEGORY: Record<string, LawKind> = {
  宪法: 'constitution',
  行政法规: 'administrative_regulation',
  司法解释: 'judicial_interpretation',
  部门规章: 'departmental_rule',
};

/** The instrument kind for a category (national statute folders are all "law"). */
export function kindOf(category: string): LawKind {
  if (category.startsWith('DLC/')) return 'local_regulation';
  return KIND_BY_CATEGORY[category] ?? 'law';
}
