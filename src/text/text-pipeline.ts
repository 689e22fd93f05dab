/**
 * @module text/text-pipeline
 * The one pipeline shared by classification and retrieval: normalise → dialect rewrites → segment →
 * stop words → synonym expansion.
 */
import { createDialectRewriter, escapeRegExp } from './dialect.js';
import type { Lexicon } from './lexicon.js';
import { normalise } from './normalise.js';
import { createSegmenter } from './segment.js';

/** What the pipeline makes of one message. */
export interface AnalysedText {
  /** Normalised and dialect-rewritten text (offsets of entities refer to this). */
  normalised: string;
  /** All word tokens, in order. */
  tokens: string[];
  /** Tokens without stop words. */
  content: string[];
  /** Legal terms added by synonyms (segmented), not already among `content`. */
  expansions: string[];
  /** The synonym terms that matched, for explanations and features. */
  matchedTerms: string[];
}


/** Lexicon additions staff made at run time (knowledge upkeep): applied on top of the files' lexicon. */
export type LexiconAdditions = Pick<Lexicon, 'dialect' | 'synonyms'>;

export interface TextPipeline {
  analyse(text: string): AnalysedText;
  /** Segments text that is already normal (statutes, guides) without dialect rewriting. */
  segment(text: string): string[];
  isStopword(token: string): boolean;
  /**
   * Replaces the run-time additions with `extra` (the files' lexicon stays): later analyses rewrite and expand
   * with them. Only what the citizen wrote is rewritten, so nothing built from the files needs rebuilding.
   */
  setAdditions(extra: LexiconAdditions): void;
}

/** What analysing reads of the lexicon, compiled: rebuilt when the additions change (a few ms). */
function compile(lexicon: Lexicon, extra: LexiconAdditions, cut: (text: string) => string[]) {
  // A staff rewrite of a phrase the files also rewrite wins: it comes later.
  const rewrite = createDialectRewriter([...lexicon.dialect, ...extra.dialect]);
  const legalByTerm = new Map<string, string[]>();
  for (const entry of [...lexicon.synonyms, ...extra.synonyms]) {
    const legalTokens = entry.legal.flatMap((l) => cut(l));
    for (const term of entry.terms) {
      const prev = legalByTerm.get(term) ?? [];
      legalByTerm.set(term, [...new Set([...prev, ...legalTokens])]);
    }
  }
  const terms = [...legalByTerm.keys()].sort((a, b) => b.length - a.length);
  const termPattern = terms.length ? new RegExp(terms.map(escapeRegExp).join('|'), 'g') : null;
  return { rewrite, legalByTerm, termPattern };
}

/** Builds the pipeline from a lexicon. */
export function createTextPipeline(lexicon: Lexicon): TextPipeline {
  const cut = createSegmenter(lexicon.userDict);
  let compiled = compile(lexicon, { dialect: [], synonyms: [] }, cut);
  const isStopword = (t: string) => lexicon.stopwords.has(t);

  return {
    isStopword,
    segment: (text) => cut(normalise(text, { collapseRepeats: false })),
    setAdditions(extra) {
      compiled = compile(lexicon, extra, cut);
    },
    analyse(text) {
      const { rewrite, legalByTerm, termPattern } = compiled;
      const normalised = rewrite(normalise(text));
      const tokens = cut(normalised);
      const content = tokens.filter((t) => !isStopword(t));
      const matchedTerms = termPattern ? [...new Set(normalised.match(termPattern) ?? [])] : [];
      const have = new Set(content);
      const expansions: string[] = [];
      for (const term of matchedTerms) {
        for (const legal of legalByTerm.get(term) ?? []) {
          if (!have.has(legal) && !isStopword(legal)) {
            have.add(legal);
            expansions.push(legal);
          }
        }
      }
      return { normalised, tokens, content, expansions, matchedTerms };
    },
  };
}
