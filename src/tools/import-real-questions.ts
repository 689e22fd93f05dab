/**
 * @module tools/import-real-questions
 * `npm run import:real-questions -- [<lecoqa-train.json>]`: copies the real consultation questions (LeCoQA, MIT)
 * into knowledge/real-questions/lecoqa.jsonl, so a fresh clone trains and measures without ../shared. Each line
 * keeps the question, the lawyer's answer and the gold articles, resolved to knowledge/laws titles (the version
 * in force; a title that has no current statute keeps `law: null`), and a fixed fold 0–4 from a hash of the id:
 * `npm run eval` trains on four folds and measures on the fifth, for each fold in turn.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PATHS } from '../config/paths.js';
import { normaliseLawTitle } from '../knowledge/case-parser.js';
import { chineseToInt } from '../text/chinese-numerals.js';
import { realQuestionSchema, REAL_QUESTION_FOLDS, type RealQuestion } from '../knowledge/real-questions.js';
import { loadManifest, loadStatutes } from '../knowledge/statutes.js';
import { createLawBook } from '../knowledge/law-book.js';
import DiceCoefficient from 'natural/lib/natural/distance/dice_coefficient.js';
import { NUMERAL_CHARS } from '../text/chinese-numerals.js';

const DEFAULT_SOURCE = '../shared/data/real-questions/lecoqa-train.json';
const OUT = join(PATHS.realQuestions, 'lecoqa.jsonl');

interface RawItem {
  问题: string; 关键词: string | null; 答案文本: string | null; match_name: string[]; query_id: number;
  相关法规: Record<string, string> | null;
}

/** Below this similarity, the cited text is not the article of that number in the version in force. */
const SAME_TEXT = 0.6;

/** Fold of an id: stable across runs and machines. */
export function foldOf(id: string): number {
  return createHash('sha256').update(id).digest()[0]! % REAL_QUESTION_FOLDS;
}

function main(argv: string[]): void {
  const source = argv[0] ?? DEFAULT_SOURCE;
  // The file has bare NaN values, which JSON does not allow.
  const items = JSON.parse(readFileSync(source, 'utf8').replace(/:\s*NaN/g, ': null')) as RawItem[];
  const titles = new Map<string, string>();
  for (const m of loadManifest(PATHS.laws)) if (m.status === 'current') titles.set(normaliseLawTitle(m.title), m.title);
  const book = createLawBook(loadStatutes(PATHS.laws));
  const unresolved = new Map<string, number>();
  const remapped: string[] = [];
  const unmatched: string[] = [];
  /**
   * The question was answered under the version its lawyer read; a revision may have renumbered the article. When
   * the cited text is not the text of that number today, the article of today's version that holds it is used.
   */
  const currentNumber = (law: string, article: number, citedText: string | undefined, name: string): number => {
    if (!citedText) return article;
    const same = (n: number) => DiceCoefficient(book.article(law, n)?.text ?? '', citedText);
    if (same(article) >= SAME_TEXT) return article;
    const best = book.current(law)!.articles.map((a) => ({ n: a.number, s: DiceCoefficient(a.text, citedText) })).sort((a, b) => b.s - a.s)[0];
    if (best && best.s >= SAME_TEXT && best.n !== article) {
      remapped.push(`${name} → 第${best.n}条`);
      return best.n;
    }
    unmatched.push(name);
    return article;
  };
  const out: RealQuestion[] = items.map((item) => {
    const gold = item.match_name.map((name) => {
      const m = new RegExp(`^(.*?)第([${NUMERAL_CHARS}]+)条(之[${NUMERAL_CHARS}]+)?$`).exec(name.trim());
      if (!m) throw new Error(`query ${item.query_id}: cannot read the article name "${name}"`);
      const law = titles.get(normaliseLawTitle(m[1]!)) ?? null;
      if (!law) unresolved.set(m[1]!, (unresolved.get(m[1]!) ?? 0) + 1);
      const article = law ? currentNumber(law, chineseToInt(m[2]!), item.相关法规?.[name], name) : chineseToInt(m[2]!);
      return { cited: name, law, article };
    });
    const id = `lecoqa-${item.query_id}`;
    return realQuestionSchema.parse({
      id, source: 'lecoqa', question: item.问题.trim(), keywords: item.关键词 ?? null, answer: item.答案文本 ?? null, gold, fold: foldOf(id),
    });
  });
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, out.map((q) => JSON.stringify(q)).join('\n') + '\n');
  const folds = Array.from({ length: REAL_QUESTION_FOLDS }, (_, k) => out.filter((q) => q.fold === k).length);
  const resolvedQuestions = out.filter((q) => q.gold.some((g) => g.law)).length;
  console.log(`wrote ${out.length} questions → ${OUT}; folds ${folds.join('/')}`);
  console.log(`questions with at least one gold article in the statutes in force: ${resolvedQuestions}`);
  console.log(`cited text found under another number in the version in force (${remapped.length}): ${remapped.join('; ')}`);
  console.log(`cited text not found in the version in force (${unmatched.length}, number kept): ${unmatched.join('; ')}`);
  console.log(`gold titles with no statute in force (${unresolved.size}): ${[...unresolved].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ×${n}`).join('; ')}`);
}

main(process.argv.slice(2));
