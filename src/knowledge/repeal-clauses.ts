/**
 * @module knowledge/repeal-clauses
 * Instruments the corpus itself says are repealed. A law's closing articles often end another one
 * ("本法自…起施行，《中华人民共和国居民身份证条例》同时废止"; 民法典 Art. 1260 ends nine civil statutes), and an
 * interpretation "关于适用《中华人民共和国X》…" of a repealed statute X goes with it. The importer marks what
 * such a clause names as repealed, with the clause as `repealedBy`, so it is never cited as current law.
 */
import type { LawFile } from './schemas/law.js';

export interface RepealFinding { title: string; by: string }

const norm = (t: string) => t.replace(/中华人民共和国/g, '').replace(/[《》〈〉<>\s“”"]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/** The instruments a text repeals as a whole: the 《…》 titles of a sentence that says 废止 (a named article excepted). */
export function repealedTitles(text: string): Array<{ title: string; issuer: string }> {
  const out: Array<{ title: string; issuer: string }> = [];
  for (const sentence of text.split(/[。\n]/)) {
    const at = sentence.indexOf('废止');
    if (at < 0) continue;
    for (const m of sentence.slice(0, at).matchAll(/([\u4e00-\u9fff、]{0,20})《([^《》]+)》(第[^，。；、]*?条)?/g)) {
      if (m[3]) continue; // "《X》第三条…废止" ends one article, not the instrument
      // "…规定的解释（法释〔2007〕5号）" style references carry the issuer just before the bracket.
      const issuer = /(最高人民法院、最高人民检察院|最高人民法院|最高人民检察院)$/.exec(m[1] ?? '')?.[1] ?? '';
      out.push({ title: m[2]!, issuer });
    }
  }
  return out;
}

/**
 * What the instruments in force repeal, as of their own effective dates: only an instrument that took effect
 * before its repealer can be repealed by it, so a clause in an old law never strikes a newer namesake.
 */
export function findRepeals(laws: LawFile[]): Map<LawFile, RepealFinding> {
  const byNorm = new Map<string, LawFile[]>();
  for (const l of laws) byNorm.set(norm(l.title), [...(byNorm.get(norm(l.title)) ?? []), l]);
  const found = new Map<LawFile, RepealFinding>();
  const repealedStatutes = new Map<string, string>();
  for (const repealer of laws) {
    if (repealer.status !== 'current') continue;
    for (const a of repealer.articles.slice(-3)) {
      for (const { title, issuer } of repealedTitles(a.text)) {
        const by = `${repealer.title}${a.label}`;
        const keys = [norm(issuer + title), norm(title)];
        const targets = keys.flatMap((k) => byNorm.get(k) ?? []);
        for (const t of targets) {
          if (t === repealer || t.title === repealer.title || t.status !== 'current') continue;
          if ((t.effectiveFrom ?? '') >= (repealer.effectiveFrom ?? '9999')) continue;
          if (!found.has(t)) found.set(t, { title: t.title, by });
        }
        if (title.startsWith('中华人民共和国') || targets.some((t) => t.kind === 'law')) repealedStatutes.set(norm(title), by);
      }
    }
  }
  // Interpretations of a repealed statute go with it (最高人民法院关于适用《中华人民共和国婚姻法》若干问题的解释（一）).
  for (const l of laws) {
    const interprets = /^最高人民法院关于适用《(.+?)》/.exec(l.title)?.[1];
    const by = interprets ? repealedStatutes.get(norm(interprets)) : undefined;
    if (by && !found.has(l)) found.set(l, { title: l.title, by });
  }
  return found;
}

/** Marks the instruments in force that a clause repeals. */
export function withRepealClauses<T extends LawFile>(laws: T[]): T[] {
  const found = findRepeals(laws);
  return laws.map((l) => {
    const f = found.get(l);
    return f && l.status !== 'repealed' ? { ...l, status: 'repealed' as const, repealedBy: f.by } : l;
  });
}
