/**
 * @module knowledge/curated-content
 * Every piece of curated legal content with the file it lives in, what it cites and its review record:
 * service guides, typical cases and question-bank entries. The review check and `lawline laws stale` read it.
 */
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../config/paths.js';
import { loadCases } from './cases.js';
import type { ReviewedContent } from './content-review.js';
import { loadGuides } from './guides.js';
import { loadQaBank } from './qa-bank.js';

export interface ContentSources { guides: string; cases: string; qa: string }

/** Guides, cases and bank entries with what they cite. Files that do not load are left to their own checks. */
export function curatedContent(src: ContentSources): ReviewedContent[] {
  const rel = (p: string) => relative(REPO_ROOT, p);
  const out: ReviewedContent[] = [];
  for (const g of loadGuides(src.guides)) {
    out.push({ file: rel(join(src.guides, `${g.id}.yaml`)), reviewed: g.reviewed, cites: g.basis });
  }
  for (const c of loadCases(src.cases).cases) {
    out.push({ file: rel(join(src.cases, String(c.year), `${c.id}.yaml`)), reviewed: c.reviewed, cites: c.citedArticles });
  }
  for (const e of loadQaBank(src.qa).entries) {
    out.push({ file: rel(join(src.qa, e.file)), reviewed: e.reviewed, cites: e.basis });
  }
  return out;
}
