/**
 * @module upkeep/knowledge-edits
 * What staff do with a queue item, as versioned, audited, undoable knowledge edits: file the question under an
 * entry, write a new entry (validated with the bank's own schema, its basis resolved in the law in force and every
 * figure of its answer found in the cited provisions), add a synonym or a dialect rewrite, or dismiss the item
 * with a reason. Each edit applies in this process at once and in the others at their next poll.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, formatZodIssues, InputError, NotFoundError } from '../errors.js';
import { describeFigures, unsupportedFigures } from '../knowledge/figures.js';
import { phrasingKey, type LoadedQaEntry } from '../knowledge/qa-bank.js';
import { qaEntrySchema, type QaEntry } from '../knowledge/schemas/qa.js';
import type { Logger } from '../logging/logger.js';
import type { StoredEdit, StoredItem, UpkeepRepository } from '../storage/repositories/upkeep-repository.js';
import { chinaDay } from '../stats/china-day.js';
import { checkBasis, type ArticleLookup } from './basis-check.js';
import { liveKnowledge, type EditKind, type LiveKnowledge } from './edit-docs.js';
import type { ResolveRequest } from './resolve-request.js';

/** Audit subjects of knowledge upkeep start with this (the audit API lists them). */
export const AUDIT_PREFIX = 'knowledge:';

export interface EditView {
  id: number; version: number; kind: EditKind; target: string; doc: unknown; itemId: number | null;
  createdBy: string; createdAt: string; live: boolean; undoneBy: string | null; undoneAt: string | null; undoneVersion: number | null;
}

export interface ItemView { id: number; question: string; status: 'open' | 'resolved'; count: number; resolvedBy: string | null; resolvedAt: string | null; resolution: unknown }

export interface KnowledgeEditsDeps {
  repo: UpkeepRepository;
  /** The statutes in force (the knowledge index). */
  articles: ArticleLookup;
  /** The question bank as the files have it. */
  bank: ReadonlyMap<string, LoadedQaEntry>;
  /** A topic's folder under knowledge/qa. */
  slugOf(topic: string): string | undefined;
  /** The service guides' ids (an entry may name guides to show with its answer). */
  guideIds: ReadonlySet<string>;
  /** Applies the edits in this process (the knowledge sync). */
  applied(): Promise<void>;
  log: Logger;
  now?: () => number;
}

export interface KnowledgeEdits {
  resolve(itemId: number, request: ResolveRequest, actor: string): Promise<{ item: ItemView; edit: EditView | null }>;
  undo(editId: number, actor: string): Promise<EditView>;
  /** Every edit, newest first, and the knowledge version. */
  list(): Promise<{ version: number; edits: EditView[] }>;
  /** The live edits, read back. */
  live(): Promise<{ version: number; knowledge: LiveKnowledge }>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const editView = (e: StoredEdit): EditView => ({
  id: e.id, version: e.version, kind: e.kind as EditKind, target: e.target, doc: JSON.parse(e.doc), itemId: e.itemId,
  createdBy: e.createdBy, createdAt: iso(e.createdAt)!, live: e.undoneAt === null, undoneBy: e.undoneBy, undoneAt: iso(e.undoneAt), undoneVersion: e.undoneVersion,
});
const itemView = (i: StoredItem): ItemView => ({
  id: i.id, question: i.question, status: i.status, count: i.count, resolvedBy: i.resolvedBy, resolvedAt: iso(i.resolvedAt),
  resolution: i.resolution ? JSON.parse(i.resolution) : null,
});

/** @example const edits = createKnowledgeEdits({ repo, articles: lawline.index, bank: lawline.learned.bank, … }); */
export function createKnowledgeEdits(deps: KnowledgeEditsDeps): KnowledgeEdits {
  const now = deps.now ?? Date.now;
  let bankPhrasings: Map<string, string> | undefined;
  /** Which entry already has a phrasing (by its key): the files' bank and the live staff edits. */
  const phrasingOwners = (live: LiveKnowledge) => {
    bankPhrasings ??= new Map([...deps.bank.values()].flatMap((e) => e.questions.map((q) => [phrasingKey(q), e.id] as [string, string])));
    const owners = new Map(bankPhrasings);
    for (const e of live.entries) for (const q of e.questions) owners.set(phrasingKey(q), e.id);
    for (const p of live.phrasings) owners.set(phrasingKey(p.question), p.entryId);
    return owners;
  };
  const readLive = async () => liveKnowledge(await deps.repo.edits({ live: true }));
  const openItem = async (id: number) => {
    const item = await deps.repo.item(id);
    if (!item) throw new NotFoundError(`no queue item ${id}`);
    if (item.status !== 'open') throw new ConflictError(`queue item ${id} is already resolved`);
    return item;
  };

  /** The new entry as the bank's schema has it, or a 400 naming the field. */
  function buildEntry(req: Extract<ResolveRequest, { action: 'new_entry' }>, item: StoredItem, live: LiveKnowledge): QaEntry {
    const slug = deps.slugOf(req.topic);
    const id = req.id ?? `${slug ?? 'general'}-staff-${randomBytes(3).toString('hex')}`;
    if (deps.bank.has(id) || live.entries.some((e) => e.id === id)) throw new InputError(`id: an entry "${id}" already exists`);
    const laws: Record<string, string> = {};
    const sources: string[] = [];
    req.basis.forEach((b, i) => {
      const check = checkBasis(deps.articles, b);
      if (!check.ok) throw new InputError(`basis.${i}.${b.paragraph !== undefined && check.problem.includes('paragraph') ? 'paragraph' : 'article'}: ${check.problem}`);
      if (check.version) laws[b.law] = check.version;
      sources.push(deps.articles.findArticle(b.law, b.article)!.text);
    });
    // The item's question is what the entry is for: it is always one of its phrasings.
    const questions = [...new Map([item.question, ...req.questions].map((q) => [phrasingKey(q), q.trim()])).values()];
    const parsed = qaEntrySchema.safeParse({
      id, topic: req.topic, questions, answer: req.answer,
      basis: req.basis.map((b) => ({ law: b.law, article: b.article, ...(b.paragraph !== undefined ? { paragraphs: [b.paragraph] } : {}) })),
      guides: req.guides ?? [], cases: [], figures: [], reviewed: { on: chinaDay(now()), laws },
    });
    if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
    parsed.data.guides.forEach((g, i) => {
      if (!deps.guideIds.has(g)) throw new InputError(`guides.${i}: unknown guide "${g}"`);
    });
    // Never a figure the law does not give: an amount or a time limit must come from a cited provision.
    const loose = unsupportedFigures(parsed.data.answer, sources);
    if (loose.length) throw new InputError(`answer: ${describeFigures(loose)} not found in the cited provisions; cite the provision that gives it`);
    return parsed.data;
  }

  function refuseTaken(questions: string[], live: LiveKnowledge, field: string): void {
    const owners = phrasingOwners(live);
    questions.forEach((q, i) => {
      const owner = owners.get(phrasingKey(q));
      if (owner) throw new InputError(`${field}${field === 'question' ? '' : `.${i}`}: "${q}" is already a phrasing of entry ${owner}`);
    });
  }

  return {
    async resolve(itemId, req, actor) {
      const item = await openItem(itemId);
      const at = now();
      if (req.action === 'dismiss') {
        const done = await deps.repo.dismiss(itemId, actor, at, JSON.stringify({ action: 'dismiss', reason: req.reason }), `${AUDIT_PREFIX}queue/${itemId}`);
        if (typeof done === 'string') throw new ConflictError(`queue item ${itemId} is already resolved`);
        deps.log.info('upkeep item dismissed', { item: itemId, actor });
        return { item: itemView(done), edit: null };
      }
      const live = await readLive();
      let kind: EditKind;
      let target: string;
      let doc: unknown;
      if (req.action === 'add_phrasing') {
        const question = req.question ?? item.question;
        if (!deps.bank.has(req.entryId) && !live.entries.some((e) => e.id === req.entryId)) throw new InputError(`entryId: no question-bank entry "${req.entryId}"`);
        refuseTaken([question], live, 'question');
        [kind, target, doc] = ['phrasing', req.entryId, { entryId: req.entryId, question }];
      } else if (req.action === 'new_entry') {
        const entry = buildEntry(req, item, live);
        refuseTaken(entry.questions, live, 'questions');
        [kind, target, doc] = ['entry', entry.id, entry];
      } else {
        if (Boolean(req.synonym) === Boolean(req.rewrite)) throw new InputError('synonym: give either synonym {terms, legal} or rewrite {from, to}');
        [kind, target, doc] = req.synonym ? ['synonym', req.synonym.terms.join('、'), req.synonym] : ['dialect', req.rewrite!.from, req.rewrite];
      }
      const edit = await deps.repo.addEdit({ kind, target, doc: JSON.stringify(doc), itemId, by: actor, at },
        `${AUDIT_PREFIX}${kind}/${target}`, JSON.stringify({ action: req.action, kind, target }));
      if (typeof edit === 'string') throw new ConflictError(`queue item ${itemId} is already resolved`);
      deps.log.info('knowledge edit', { edit: edit.id, version: edit.version, kind, target, item: itemId, actor });
      await deps.applied();
      return { item: itemView((await deps.repo.item(itemId))!), edit: editView(edit) };
    },
    async undo(editId, actor) {
      const edit = await deps.repo.edit(editId);
      if (!edit) throw new NotFoundError(`no knowledge edit ${editId}`);
      const undone = await deps.repo.undoEdit(editId, actor, now(), `${AUDIT_PREFIX}${edit.kind}/${edit.target}`);
      if (typeof undone === 'string') throw new ConflictError(`knowledge edit ${editId} is already undone`);
      deps.log.info('knowledge edit undone', { edit: editId, version: undone.undoneVersion, actor });
      await deps.applied();
      return editView(undone);
    },
    async list() {
      const [version, edits] = await Promise.all([deps.repo.version(), deps.repo.edits()]);
      return { version, edits: edits.reverse().map(editView) };
    },
    async live() {
      const [version, edits] = await Promise.all([deps.repo.version(), deps.repo.edits({ live: true })]);
      return { version, knowledge: liveKnowledge(edits) };
    },
  };
}
