/**
 * @module knowledge/review-mark
 * Records that a person re-read a content file against the law in force: writes its `reviewed` field (today, and
 * the version of each law it cites) without disturbing the rest of the YAML. `lawline laws reviewed` calls it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { freshReview } from './content-review.js';
import type { LawBook } from './law-book.js';
import type { ReviewRecord } from './schemas/review.js';

/** What a content file cites: cases list `citedArticles`, guides and bank entries `basis`. */
export function citesOf(file: string): Array<{ law: string; article: number }> {
  const doc = parseDocument(readFileSync(file, 'utf8')).toJS() as Record<string, unknown> | null;
  const refs = (doc?.citedArticles ?? doc?.basis) as Array<{ law: string; article: number }> | undefined;
  if (!Array.isArray(refs)) throw new InputError(`${file}: no basis or citedArticles to review`);
  return refs;
}

/** Writes today's review record into `file` and returns it. */
export function markReviewed(file: string, book: LawBook, today: string): ReviewRecord {
  const record = freshReview(citesOf(file), book, today);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.set('reviewed', doc.createNode(record, { flow: false }));
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return record;
}
