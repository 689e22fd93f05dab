/**
 * @module knowledge/search-documents
 * Flattens statutes, guides and cases into the documents the index stores and searches.
 */
import type { Case } from './schemas/case.js';
import type { Guide } from './schemas/guide.js';
import type { LawFile } from './schemas/law.js';
import { versionId } from './law-versions.js';

export type DocKind = 'article' | 'guide' | 'case';

/** One searchable unit. `heading` is short text searched with extra weight (title, chapter, keywords). */
export interface SearchDoc {
  kind: DocKind;
  /** Stable reference: "劳动合同法#30", a guide id or a case id. */
  ref: string;
  law: string | null;
  article: number | null;
  label: string | null;
  lawKind: string | null;
  title: string;
  heading: string;
  text: string;
  topic: string | null;
  year: number | null;
  /** Articles: the version of their law (versionId) and the day that version took effect. */
  version: string | null;
  effectiveFrom: string | null;
}

/** Current articles only: superseded versions are never cited as current law. */
export function articleDocs(laws: LawFile[]): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const seen = new Set<string>();
  for (const law of laws) {
    // A few laws sit in two source folders with the same date; index one copy.
    if (law.status !== 'current' || seen.has(law.title)) continue;
    seen.add(law.title);
    for (const a of law.articles) {
      docs.push({
        kind: 'article',
        ref: `${law.title}#${a.label}`,
        law: law.title,
        article: a.number,
        label: a.label,
        lawKind: law.kind,
        title: `${law.title}${a.label}`,
        heading: [law.title, a.chapter, a.section].filter(Boolean).join(' '),
        text: a.text,
        topic: null,
        year: null,
        version: versionId(law),
        effectiveFrom: law.effectiveFrom,
      });
    }
  }
  return docs;
}

export function guideDocs(guides: Guide[]): SearchDoc[] {
  return guides.map((g) => ({
    kind: 'guide' as const,
    ref: g.id,
    law: null,
    article: null,
    label: null,
    lawKind: null,
    title: g.title,
    heading: [g.title, ...g.keywords, ...g.topics].join(' '),
    text: [g.summary, g.audience, ...g.steps, ...g.materials, ...g.timeLimits, ...g.fees].join('\n'),
    topic: g.topics[0] ?? null,
    year: null,
    version: null,
    effectiveFrom: null,
  }));
}

export function caseDocs(cases: Case[]): SearchDoc[] {
  return cases.map((c) => ({
    kind: 'case' as const,
    ref: c.id,
    law: null,
    article: null,
    label: null,
    lawKind: null,
    title: c.title,
    heading: [c.title, ...c.keywords, c.topic].join(' '),
    text: [c.facts, c.outcome, c.significance].filter(Boolean).join('\n'),
    topic: c.topic,
    year: c.year,
    version: null,
    effectiveFrom: null,
  }));
}
