/**
 * @module upkeep/upkeep-routes
 * Knowledge upkeep's API (admin only; mount under /api/v1 after `authenticate`):
 * - `GET /upkeep/queue` → `[{id, question, count, reasons, reasonCounts, examples, firstAt, lastAt}]`;
 * - `POST /upkeep/:id/resolve` (resolve-request.ts) → `{item, edit}`;
 * - `GET /upkeep/basis?law=&article=&paragraph=` → whether a basis exists in the law in force (for typing);
 * - `GET /upkeep/entries?q=` → bank entries to file a phrasing under;
 * - `GET /upkeep/edits` → `{version, edits}`; `POST /upkeep/edits/:id/undo` → the edit, undone;
 * - `GET /upkeep/export` → `{version, files: [{path, content}]}`: the live edits in the repository's layout.
 */
import { Router } from 'express';
import { z } from 'zod';
import { formatZodIssues, InputError } from '../errors.js';
import { parseBody } from '../http/parse-body.js';
import { currentAccount, requireRole } from '../http/require-role.js';
import type { LoadedQaEntry } from '../knowledge/qa-bank.js';
import { basisRefSchema, checkBasis, type ArticleLookup } from './basis-check.js';
import { exportKnowledge } from './export-knowledge.js';
import type { KnowledgeEdits } from './knowledge-edits.js';
import { resolveRequestSchema } from './resolve-request.js';
import type { ReviewQueue } from './review-queue.js';

export interface UpkeepRouteDeps {
  queue: ReviewQueue;
  edits: KnowledgeEdits;
  articles: ArticleLookup;
  /** Every entry a phrasing may be filed under: the files' and the staff's. */
  entries(): Iterable<LoadedQaEntry>;
  slugOf(topic: string): string | undefined;
  bank: ReadonlyMap<string, LoadedQaEntry>;
}

/** Entries the picker lists at most. */
const ENTRIES_SHOWN = 20;

const idParam = z.coerce.number({ invalid_type_error: 'expected a number' }).int('expected a whole number').positive('expected a positive number');
const entriesQuery = z.object({ q: z.string().trim().max(100).default('') }).strict();

function parseQuery<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, query: unknown): T {
  const r = schema.safeParse(query);
  if (!r.success) throw new InputError(formatZodIssues(r.error));
  return r.data;
}
const param = (name: string, raw: unknown) => {
  const r = idParam.safeParse(raw);
  if (!r.success) throw new InputError(`${name}: ${r.error.issues[0]!.message}`);
  return r.data;
};

export function upkeepRoutes(deps: UpkeepRouteDeps): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.get('/upkeep/queue', admin, async (_req, res) => {
    res.json(await deps.queue.list());
  });
  router.post('/upkeep/:id/resolve', admin, async (req, res) => {
    const id = param('id', req.params.id);
    const body = parseBody(resolveRequestSchema, req.body);
    res.json(await deps.edits.resolve(id, body, currentAccount(res).username));
  });
  router.get('/upkeep/basis', admin, (req, res) => {
    res.json(checkBasis(deps.articles, parseQuery(basisRefSchema, req.query)));
  });
  router.get('/upkeep/entries', admin, (req, res) => {
    const { q } = parseQuery(entriesQuery, req.query);
    const found: Array<{ id: string; topic: string; question: string }> = [];
    for (const e of deps.entries()) {
      if (found.length >= ENTRIES_SHOWN) break;
      if (!q || e.id.includes(q) || e.questions.some((x) => x.includes(q))) found.push({ id: e.id, topic: e.topic, question: e.questions[0]! });
    }
    res.json(found);
  });
  router.get('/upkeep/edits', admin, async (_req, res) => {
    res.json(await deps.edits.list());
  });
  router.post('/upkeep/edits/:id/undo', admin, async (req, res) => {
    res.json(await deps.edits.undo(param('id', req.params.id), currentAccount(res).username));
  });
  router.get('/upkeep/export', admin, async (_req, res) => {
    const { version, knowledge } = await deps.edits.live();
    res.json({ version, files: exportKnowledge(version, knowledge, deps.bank, deps.slugOf) });
  });
  return router;
}
