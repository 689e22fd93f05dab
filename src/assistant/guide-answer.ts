/**
 * @module assistant/guide-answer
 * When no bank entry answers a question, the service guide the answer shows may: its steps and time limits are
 * short, reviewed statements with their basis ("申请撤销裁决，应当自收到裁决书之日起3个月内提出（仲裁法第七十二条）").
 * The item sharing most of the question's informative words becomes the direct answer, and the provisions it
 * cites are cited first — but only when it clearly covers what was asked.
 */
import { extractCitations } from '../knowledge/guides.js';
import type { LawRef, Guide } from '../knowledge/schemas/guide.js';

export interface GuideAnswer { guide: Guide; text: string; refs: LawRef[]; coverage: number }

/** Share of the question's informative weight (among words the guide uses) an item must cover to stand as the answer. */
export const GUIDE_ANSWER_MIN = 0.5;
/** …and at least this many informative words in common (one or two shared words are chance). */
const MIN_SHARED = 3;

/** The guide items that state a rule with its basis: steps, time limits and fees that cite a provision. */
function items(g: Guide): string[] {
  return [...g.timeLimits, ...g.steps, ...g.fees].filter((t) => extractCitations(t).length > 0);
}

/** Guides are loaded once per process, so their items' words are split once. */
const ITEM_WORDS = new WeakMap<Guide, Array<{ text: string; words: Set<string> }>>();
function itemWords(g: Guide, segment: (t: string) => string[]) {
  let list = ITEM_WORDS.get(g);
  if (!list) ITEM_WORDS.set(g, (list = items(g).map((text) => ({ text, words: new Set(segment(text)) }))));
  return list;
}

/**
 * The item of `guides` that best answers `question`, or null. `segment` splits text into words; `weightOf`
 * gives a word's informativeness (an idf), so 撤销裁决 counts and 要 does not.
 */
export function guideAnswer(guides: Guide[], question: string, segment: (t: string) => string[], weightOf: (w: string) => number): GuideAnswer | null {
  const query = new Map<string, number>();
  for (const w of segment(question)) if (w.length > 1) query.set(w, weightOf(w));
  let best: GuideAnswer | null = null;
  for (const guide of guides) {
    // Coverage counts only words this guide uses: a citizen's story (供货商, 不公平) is not what the guide must match.
    const list = itemWords(guide, segment);
    const total = [...query].reduce((n, [w, weight]) => n + (list.some((i) => i.words.has(w)) ? weight : 0), 0);
    if (total === 0) continue;
    for (const { text, words } of list) {
      let covered = 0;
      let shared = 0;
      for (const [w, weight] of query) if (words.has(w)) { covered += weight; shared += 1; }
      const coverage = covered / total;
      if (shared >= MIN_SHARED && coverage >= GUIDE_ANSWER_MIN && (!best || coverage > best.coverage)) {
        best = { guide, text, refs: extractCitations(text), coverage };
      }
    }
  }
  return best;
}
