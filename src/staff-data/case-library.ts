/**
 * @module staff-data/case-library
 * The typical-case library as staff keep it: the files (case-library/<year>/<id>.yaml) with the cases staff added
 * or edited in the workspace over them. A case is validated with the case files' own schema, and every article it
 * cites must exist in the statutes. Each year is counted against the target of 30.
 */
import { z } from 'zod';
import { ConflictError, formatZodIssues, InputError, NotFoundError } from '../errors.js';
import { CASES_PER_YEAR_TARGET, type YearCoverage } from '../knowledge/cases.js';
import { caseSchema, type Case } from '../knowledge/schemas/case.js';
import type { OverlayRepository } from '../storage/repositories/staff-overlay-repository.js';

/**
 * Body of `POST /api/v1/cases` and `PUT /api/v1/cases/:id`: a case as the files have it, without the id (given
 * by the server or the path) and the review record (a staff case has not been reviewed against a law version).
 */
export const caseBodySchema = caseSchema.omit({ id: true, reviewed: true });
export type CaseBody = z.infer<typeof caseBodySchema>;

/** Statutes' articles, to check a case's citations. */
export interface ArticleCheck {
  lawExists(law: string): boolean;
  articleExists(law: string, article: number): boolean;
}

export interface LibraryCase extends Case {
  /** Who last changed it in the workspace, and when; null for a case as its file has it. */
  edited: { by: string; at: string } | null;
}

export interface StaffCaseLibrary {
  /** Every case in force (files overlaid by staff), newest year first, and each year's count against the target. */
  list(): Promise<{ cases: LibraryCase[]; perYear: YearCoverage[]; target: number }>;
  /** Cases per year (files and staff additions), for the overview. */
  counts(): Promise<{ byYear: Record<string, number>; target: number }>;
  /** The cases staff added or changed, for answers; re-read when another process changed them. */
  staffCases(): Promise<Case[]>;
  /** Adds a case under a new id `<year>-staff-<nn>`. @throws InputError naming the field */
  add(body: unknown, actor: string): Promise<LibraryCase>;
  /** Replaces case `id` (a file's or a staff one). @throws NotFoundError, InputError naming the field */
  update(id: string, body: unknown, actor: string): Promise<{ case: LibraryCase; previous: Case }>;
}

/** How long answers may use the staff cases they read before looking again (an edit here is seen at once). */
const STAFF_CASES_TTL_MS = 5_000;

/**
 * @param fileCases - the case files as loaded at start (loadCases(PATHS.cases).cases)
 * @example const library = createStaffCaseLibrary(createStaffCaseRepository(sql), loadCases().cases, articles);
 */
export function createStaffCaseLibrary(repo: OverlayRepository, fileCases: readonly Case[], articles: ArticleCheck, now: () => number = Date.now): StaffCaseLibrary {
  const files = new Map(fileCases.map((c) => [c.id, c]));
  let cached: { cases: Case[]; at: number } | null = null;

  const inForce = async () => {
    const rows = await repo.list();
    const staff = new Map(rows.map((r) => [r.id, { case: JSON.parse(r.doc) as Case, edited: { by: r.updatedBy, at: new Date(r.updatedAt).toISOString() } }]));
    const cases: LibraryCase[] = [
      ...fileCases.map((c) => staff.get(c.id) ? { ...staff.get(c.id)!.case, edited: staff.get(c.id)!.edited } : { ...c, edited: null }),
      ...[...staff.entries()].filter(([id]) => !files.has(id)).map(([, s]) => ({ ...s.case, edited: s.edited })),
    ];
    return cases.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  };

  const perYear = (cases: Case[]): YearCoverage[] => {
    const counts = new Map<number, number>();
    for (const c of cases) counts.set(c.year, (counts.get(c.year) ?? 0) + 1);
    return [...counts.entries()].sort(([a], [b]) => b - a).map(([year, count]) => ({
      year, count, target: CASES_PER_YEAR_TARGET, shortfall: Math.max(0, CASES_PER_YEAR_TARGET - count),
    }));
  };

  /** The body as a whole case, checked with the case files' schema and against the statutes. */
  const validate = (id: string, body: unknown): Case => {
    const parsed = caseBodySchema.strict().safeParse(body);
    if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
    const whole = caseSchema.safeParse({ ...parsed.data, id, reviewed: null });
    if (!whole.success) throw new InputError(formatZodIssues(whole.error));
    whole.data.citedArticles.forEach((ref, i) => {
      if (!articles.lawExists(ref.law)) throw new InputError(`citedArticles.${i}.law: no statute titled "${ref.law}" (write the title without 中华人民共和国, e.g. 民法典)`);
      if (!articles.articleExists(ref.law, ref.article)) throw new InputError(`citedArticles.${i}.article: ${ref.law} has no article ${ref.article} in force`);
    });
    return whole.data;
  };

  const store = async (c: Case, actor: string, fileDoc: Case | null, create: boolean) => {
    const at = now();
    const old = await repo.put({ id: c.id, doc: JSON.stringify(c), updatedBy: actor, updatedAt: at }, fileDoc ? JSON.stringify(fileDoc) : null, { create });
    cached = null;
    return { case: { ...c, edited: { by: actor, at: new Date(at).toISOString() } }, old };
  };

  return {
    async list() {
      const cases = await inForce();
      return { cases, perYear: perYear(cases), target: CASES_PER_YEAR_TARGET };
    },
    async counts() {
      return { byYear: Object.fromEntries(perYear(await inForce()).map((y) => [String(y.year), y.count])), target: CASES_PER_YEAR_TARGET };
    },
    async staffCases() {
      if (!cached || now() - cached.at > STAFF_CASES_TTL_MS) {
        cached = { cases: (await repo.list()).map((r) => JSON.parse(r.doc) as Case), at: now() };
      }
      return cached.cases;
    },
    async add(body, actor) {
      const year = typeof body === 'object' && body !== null ? (body as { year?: unknown }).year : undefined;
      // The id needs the year first; a missing or wrong year is reported by the schema below.
      const prefix = `${typeof year === 'number' && Number.isInteger(year) ? year : 2000}-staff-`;
      const taken = new Set([...files.keys(), ...(await repo.list()).map((r) => r.id)]);
      for (let n = 1; n < 100; n += 1) {
        const id = `${prefix}${String(n).padStart(2, '0')}`;
        if (taken.has(id)) continue;
        const c = validate(id, body);
        try {
          return (await store(c, actor, null, true)).case;
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err; // another admin took this id meanwhile: try the next
          taken.add(id);
        }
      }
      throw new InputError(`year: no free case id left for ${String(year)}`);
    },
    async update(id, body, actor) {
      const current = (await inForce()).find((c) => c.id === id);
      if (!current) throw new NotFoundError(`no case ${id}`);
      const c = validate(id, body);
      // The id begins with the year and the file lives in that year's folder: a case does not move years.
      if (c.year !== current.year) throw new InputError(`year: case ${id} belongs to ${current.year}; add a new case for another year`);
      const { case: saved, old } = await store(c, actor, files.get(id) ?? null, false);
      const { edited: _edited, ...previous } = current;
      return { case: saved, previous: old ? (JSON.parse(old.doc) as Case) : previous };
    },
  };
}
