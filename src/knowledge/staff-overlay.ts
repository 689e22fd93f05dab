/**
 * @module knowledge/staff-overlay
 * What staff taught the question bank at run time (knowledge upkeep), laid over the learned retrieval without
 * rebuilding it: phrasings that name their entry (a new entry's own, or one added to a file entry). A question
 * nearly identical to one of them is answered by that entry. The match is character-bigram Dice (the measure of
 * natural's DiceCoefficient), over an inverted index of the phrasings' bigrams, so a question costs a few map
 * look-ups however many phrasings staff add; with none, nothing at all.
 */
import type { EntryMatch } from './learned-retrieval.js';
import { phrasingKey, type LoadedQaEntry } from './qa-bank.js';

/**
 * A question at least this similar to a staff phrasing is that phrasing asked again: the same words with a
 * word added or changed in a sentence ("请问" before a 25-character question keeps 0.96; "老细唔俾人工点算" against
 * "老细唔俾假期点算", another question, is 0.57).
 */
export const OVERLAY_MATCH_MIN = 0.8;

/** Distinct character bigrams of a phrasing's key (a one-character key is its own bigram, as natural pads it). */
function bigrams(key: string): Set<string> {
  const chars = [...key];
  if (chars.length === 1) return new Set([`${key} `]);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

export interface OverlayPhrasing {
  /** The phrasing as the text pipeline normalises a question (so dialect rewrites apply to both alike). */
  normalised: string;
  entry: LoadedQaEntry;
}

export class StaffOverlay {
  private grams: number[] = [];
  private owners: LoadedQaEntry[] = [];
  private byGram = new Map<string, number[]>();
  private staffEntries = new Map<string, LoadedQaEntry>();
  /** The knowledge version applied (0: none). */
  version = 0;

  /** Replaces everything with `phrasings` and the entries staff wrote, as of `version`. */
  replace(version: number, phrasings: OverlayPhrasing[], entries: LoadedQaEntry[]): void {
    const grams: number[] = [];
    const owners: LoadedQaEntry[] = [];
    const byGram = new Map<string, number[]>();
    for (const p of phrasings) {
      const set = bigrams(phrasingKey(p.normalised));
      if (!set.size) continue;
      const i = owners.length;
      owners.push(p.entry);
      grams.push(set.size);
      for (const g of set) {
        const list = byGram.get(g);
        if (list) list.push(i);
        else byGram.set(g, [i]);
      }
    }
    // Swapped whole, so a question answered meanwhile sees either the old overlay or the new one.
    this.grams = grams;
    this.owners = owners;
    this.byGram = byGram;
    this.staffEntries = new Map(entries.map((e) => [e.id, e]));
    this.version = version;
  }

  /** Staff phrasings in force. */
  get size(): number {
    return this.owners.length;
  }

  /** The entries staff wrote, then those of `bank` (the files'): every entry a phrasing may be filed under. */
  *entries(bank: ReadonlyMap<string, LoadedQaEntry>): Iterable<LoadedQaEntry> {
    yield* this.staffEntries.values();
    yield* bank.values();
  }

  /** An entry staff wrote, by id. */
  entry(id: string): LoadedQaEntry | undefined {
    return this.staffEntries.get(id);
  }

  /** The entry of the staff phrasing most like `normalised`, when it is at least OVERLAY_MATCH_MIN alike. */
  match(normalised: string): EntryMatch | null {
    if (!this.owners.length) return null;
    const mine = bigrams(phrasingKey(normalised));
    if (!mine.size) return null;
    const shared = new Map<number, number>();
    for (const g of mine) for (const i of this.byGram.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let best = -1;
    let bestDice = 0;
    for (const [i, n] of shared) {
      const dice = (2 * n) / (mine.size + this.grams[i]!);
      if (dice > bestDice) [best, bestDice] = [i, dice];
    }
    if (best < 0 || bestDice < OVERLAY_MATCH_MIN) return null;
    const probability = Math.round(bestDice * 1000) / 1000;
    return { entry: this.owners[best]!, probability, coverage: probability };
  }
}
