/**
 * @module knowledge/guide-checks
 * Checks of what a guide tells citizens beyond its schema: every figure (days, months, fees, percentages) must
 * come from a provision the guide cites, and every contact fact it names (a hotline, a mini-program) must be
 * sourced in the region file or marked as unconfirmed in the same sentence.
 */
import type { Region } from '../config/region.js';
import { describeFigures, unsupportedFigures } from './figures.js';
import { extractCitations } from './guides.js';
import type { LawBook } from './law-book.js';
import type { Guide } from './schemas/guide.js';

/** Words that tell the reader a fact is not confirmed and where to check it. */
export const UNCONFIRMED_MARKER = /核实|确认|未经证实|未证实|暂不提供|未找到|以.{0,12}为准|通知所载|报道|可能已调整|见于/;

function textFields(guide: Guide): Array<[string, string]> {
  const out: Array<[string, string]> = [['summary', guide.summary], ['audience', guide.audience]];
  for (const key of ['steps', 'materials', 'timeLimits', 'fees', 'unconfirmed'] as const) guide[key].forEach((s, i) => out.push([`${key}.${i}`, s]));
  guide.whereToGo.forEach((w, i) => out.push([`whereToGo.${i}.text`, w.text]));
  return out;
}

/**
 * Every value of the region file as one text: its phone numbers, hours and figures are sourced there (or marked
 * unconfirmed), so content may repeat them.
 */
export function regionFigureText(region: Region): string {
  const values: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') values.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(region);
  return values.join('\n');
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。！？])/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Figures a guide states that its law does not give. A sentence with its own bracketed citation is checked
 * against those provisions; other sentences against the guide's whole basis.
 */
export function guideFigureProblems(guides: Guide[], book: LawBook, region: Region): string[] {
  const known = [regionFigureText(region)];
  const problems: string[] = [];
  for (const g of guides) {
    const basisText = g.basis.flatMap((b) => book.article(b.law, b.article)?.text ?? []);
    for (const [path, value] of textFields(g)) {
      for (const sentence of sentences(value)) {
        const own = extractCitations(sentence).flatMap((r) => book.article(r.law, r.article)?.text ?? []);
        const loose = unsupportedFigures(sentence, own.length ? own : basisText, [...known, ...g.figures.map((f) => f.figure)]);
        if (loose.length) problems.push(`${g.id}: ${path}: ${describeFigures(loose)} not given by ${own.length ? 'the provisions this sentence cites' : 'the provisions in basis'}: cite the provision that gives it, or leave the figure out`);
      }
    }
  }
  return problems;
}

/** Hotlines and online channels a guide names whose region entry is unconfirmed must be marked so in the sentence. */
export function guideContactProblems(guides: Guide[], region: Region): string[] {
  const unconfirmed: Array<{ label: string; pattern: RegExp }> = [];
  for (const h of region.hotlines) {
    if (h.number.value && !h.number.confirmed) unconfirmed.push({ label: `hotline ${h.number.value}`, pattern: new RegExp(h.number.value) });
  }
  for (const o of region.online) {
    if (!(o.howTo.confirmed || o.url.confirmed)) unconfirmed.push({ label: o.name, pattern: new RegExp(o.name.replace(/微信小程序|小程序|网$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  }
  const problems: string[] = [];
  for (const g of guides) {
    for (const [path, value] of textFields(g)) {
      for (const sentence of sentences(value)) {
        for (const u of unconfirmed) {
          if (u.pattern.test(sentence) && !UNCONFIRMED_MARKER.test(sentence)) {
            problems.push(`${g.id}: ${path}: names ${u.label}, which knowledge/region has no confirmed source for: say in the sentence that it is unconfirmed and where to check (12348)`);
          }
        }
      }
    }
  }
  return problems;
}
