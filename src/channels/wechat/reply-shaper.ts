/**
 * @module channels/wechat/reply-shaper
 * Fits one turn's replies into WeChat's text limit. Bot choices become numbered lines. An answer that is too long
 * keeps its practical parts and moves whole sections behind numbers ("【法律依据】回复7查看法律依据原文"): the
 * statutes first (the 【引用法条】 line still names them), then sections from the end. The disclaimer and any line
 * outside a section always stay. Numbers start above any number the bot itself asks for ("回复1继续").
 */
import type { NumberedOption } from './follow-up-store.js';
import type { ReplyContent } from './handler.js';
import { serviceMenuOptions, showsServiceMenu } from './service-menu.js';
import { SECTION_LABELS, WECHAT_REPLIES } from './wechat-replies-zh.js';

/** Passive text replies above ~2048 bytes are refused by WeChat ([verify] in the notes); the same cap is used for customer-service messages. */
export const TEXT_LIMIT_BYTES = 2048;
/** Room kept on follow-up pages for the "还可以回复" footer. */
const FOOTER_RESERVE = 300;

export interface ShapedReply { text: string; options: NumberedOption[] }

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The smallest number the bot's own text does not already ask the citizen to reply. */
export function firstFreeNumber(text: string): number {
  // "回复1继续", "回复1到10之间的数字": every number up to the range's end belongs to the bot.
  const used = [...text.matchAll(/回复\s*(\d{1,2})(?:\s*(?:到|至|-|~)\s*(\d{1,2}))?/g)].map((m) => Number(m[2] ?? m[1]));
  if (text.includes('回复数字')) used.push(...[...text.matchAll(/^\s*(\d{1,2})[.、．]/gm)].map((m) => Number(m[1])));
  return Math.max(0, ...used) + 1;
}

type Block = { kind: 'keep'; line: string } | { kind: 'section'; header: string; lines: string[] };

const HEADER = /^【([^】]+)】$/;

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let open: Extract<Block, { kind: 'section' }> | null = null;
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line.trim());
    if (header) {
      open = { kind: 'section', header: header[1]!, lines: [] };
      blocks.push(open);
    } else if (open && line.trim() && !line.startsWith('温馨提示') && !line.startsWith('【')) {
      open.lines.push(line);
    } else {
      open = null;
      blocks.push({ kind: 'keep', line });
    }
  }
  return blocks;
}

/** Splits `text` into pages of at most `max` bytes: between paragraphs (one article each) when possible, else at
 * line ends, sentence ends, or characters. */
export function pageText(text: string, max: number): string[] {
  const units = text.split('\n\n').flatMap((para, p) => {
    const lines = bytes(para) <= max ? [para] : para.split('\n').flatMap((line) => (bytes(line) <= max ? [line] : splitLong(line, max)));
    return lines.map((piece, i) => ({ piece, sep: p > 0 && i === 0 ? '\n\n' : '\n' }));
  });
  const pages: string[] = [];
  let page = '';
  for (const { piece, sep } of units) {
    const next = page ? `${page}${sep}${piece}` : piece;
    if (bytes(next) <= max) page = next;
    else {
      if (page) pages.push(page);
      page = piece;
    }
  }
  if (page) pages.push(page);
  return pages;
}

function splitLong(line: string, max: number): string[] {
  const out: string[] = [];
  let part = '';
  for (const sentence of line.match(/[^。；！？]+[。；！？]?/g) ?? [line]) {
    for (const ch of bytes(sentence) <= max ? [sentence] : Array.from(sentence)) {
      if (bytes(part + ch) > max) {
        out.push(part);
        part = '';
      }
      part += ch;
    }
  }
  if (part) out.push(part);
  return out;
}

/** The section that quotes the law: the first to move behind a number, since the direct answer comes first. */
const LAW_SECTION = '法律依据';

function sectionContent(block: Extract<Block, { kind: 'section' }>, content: ReplyContent): string {
  if (block.header === LAW_SECTION && content.citations.length) {
    return content.citations.map((c) => `《${c.law}》第${c.article}条${(c.paragraphs ?? []).map((p) => `第${p}款`).join('、')}\n${c.text.trim()}`).join('\n\n');
  }
  return [`【${block.header}】`, ...block.lines].join('\n');
}

/**
 * Shapes one turn's replies for WeChat: the text to send now and the numbered options to remember.
 * @example const { text, options } = shapeReply(readReplies(activities)); store.set(openid, options);
 */
export function shapeReply(content: ReplyContent, limit = TEXT_LIMIT_BYTES): ShapedReply {
  const options: NumberedOption[] = showsServiceMenu(content.text) ? serviceMenuOptions() : [];
  let next = Math.max(firstFreeNumber(content.text), ...options.map((o) => o.number + 1));
  let text = content.text;
  if (content.choices.length) {
    const lines = content.choices.map((c) => {
      options.push({ number: next, label: c.title, action: { type: 'send', text: c.value } });
      return `${next++}. ${c.title}`;
    });
    text = [text, [WECHAT_REPLIES.choose, ...lines].join('\n')].filter(Boolean).join('\n\n');
  }
  if (bytes(text) <= limit) return { text, options };

  const blocks = toBlocks(text);
  const sections = blocks.filter((b): b is Extract<Block, { kind: 'section' }> => b.kind === 'section');
  const order = [...sections.filter((s) => s.header === LAW_SECTION), ...sections.filter((s) => s.header !== LAW_SECTION).reverse()];
  const moved = new Set<Block>();
  const render = (): { text: string; options: NumberedOption[] } => {
    let n = next;
    const extra: NumberedOption[] = [];
    const lines = blocks.flatMap((b) => {
      if (b.kind === 'keep') return [b.line];
      if (!moved.has(b)) return [`【${b.header}】`, ...b.lines];
      const label = SECTION_LABELS[b.header] ?? b.header;
      const pages = pageText(sectionContent(b, content), limit - FOOTER_RESERVE);
      const first = n;
      pages.forEach((page, i) => {
        const pageLabel = pages.length > 1 ? `${label}（${i + 1}/${pages.length}）` : label;
        extra.push({ number: n++, label: pageLabel, action: { type: 'show', text: page } });
      });
      return [`【${b.header}】${WECHAT_REPLIES.pointer(first, label)}`];
    });
    return { text: lines.join('\n'), options: extra };
  };
  let shaped = render();
  for (const section of order) {
    if (bytes(shaped.text) <= limit) break;
    moved.add(section);
    shaped = render();
  }
  options.push(...shaped.options);
  if (bytes(shaped.text) <= limit) return { text: shaped.text, options };

  // Still too long (little structure): send the first page now, the rest behind numbers.
  next = Math.max(next, ...options.map((o) => o.number + 1));
  const pointer = (n: number) => `\n（${WECHAT_REPLIES.pointer(n, WECHAT_REPLIES.continued)}）`;
  const pages = pageText(shaped.text, limit - bytes(pointer(99)) - FOOTER_RESERVE);
  pages.slice(1).forEach((page, i) => {
    options.push({ number: next + i, label: `${WECHAT_REPLIES.continued}（${i + 2}/${pages.length}）`, action: { type: 'show', text: page } });
  });
  return { text: `${pages[0]}${pointer(next)}`, options };
}

/**
 * The reply to a `show` option: its text plus a footer naming the other parts still available.
 * @example renderFollowUp(option, store.get(openid) ?? [])
 */
export function renderFollowUp(option: NumberedOption, all: NumberedOption[], limit = TEXT_LIMIT_BYTES): string {
  if (option.action.type === 'send') return '';
  const others = all.filter((o) => o !== option && o.action.type === 'show').map((o) => WECHAT_REPLIES.pointer(o.number, o.label));
  const withFooter = others.length ? `${option.action.text}\n\n${WECHAT_REPLIES.moreOptions}${others.join('；')}` : option.action.text;
  return bytes(withFooter) <= limit ? withFooter : option.action.text;
}
