/**
 * @module tools/import-laws
 * `npm run import:laws -- [<root> …] [--out knowledge/laws] [--as-of YYYY-MM-DD]`: parses every statute (案例/
 * excluded) under each root — by default the LawRefBook-Laws snapshot and then statute-updates/, the texts
 * adopted since — into knowledge/laws/<folder>/<stem>.json plus _manifest.json, and prints a report: parse
 * notes, each version's effective date and status as of the import date, and what changed between versions.
 * Output is deterministic for a given --as-of: re-running on the same roots gives a byte-identical tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  categoryOf,
  kindOf,
  parseStatute,
  shortTitle,
  versionDateFromName,
  type ParsedStatute,
} from '../knowledge/statute-parser.js';
import { lawFileSchema, type Article, type LawFile, type ManifestEntry } from '../knowledge/schemas/law.js';
import { numberingIssues, serialiseLaw } from '../knowledge/statutes.js';
import { effectiveDate, resolveStatuses, statedEffectiveDate } from '../knowledge/law-versions.js';
import { lawToday } from '../config/today.js';
import { versionChangeReport } from '../knowledge/law-change-report.js';
import { withRepealClauses } from '../knowledge/repeal-clauses.js';

const CIVIL_CODE_DIR = '民法典';

/** All statute Markdown files under root, relative, sorted by code point. */
function listStatuteFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (child !== '案例') walk(child);
      } else if (entry.name.endsWith('.md') && entry.name !== '_index.md' && rel !== '') {
        out.push(child);
      }
    }
  };
  walk('');
  return out.sort();
}

type Draft = Omit<LawFile, 'status'> & { outFile: string; stray: number };

/** The default roots: the snapshot, then the texts adopted after it (same layout). */
const DEFAULT_ROOTS = ['../shared/data/LawRefBook-Laws', '../shared/data/statute-updates'];

function draftFrom(rel: string, parsed: ParsedStatute, sourcePrefix = ''): Draft {
  const category = categoryOf(rel);
  const stem = path.basename(rel, '.md');
  const versionDate = versionDateFromName(rel);
  const draft: Draft = {
    title: shortTitle(parsed.fullTitle),
    fullTitle: parsed.fullTitle,
    category,
    kind: kindOf(category),
    versionDate,
    ...effectiveDate(versionDate, statedEffectiveDate(parsed.history, parsed.articles.map((a) => a.text))),
    source: `${sourcePrefix}${rel}`,
    history: parsed.history,
    articles: parsed.articles,
    outFile: `${path.dirname(rel)}/${stem}.json`,
    stray: parsed.strayParagraphs,
  };
  if (parsed.articles.length === 0) {
    if (parsed.preamble) draft.body = parsed.preamble;
  } else if (parsed.preamble) {
    draft.preamble = parsed.preamble;
  }
  if (parsed.appendix) draft.appendix = parsed.appendix;
  return draft;
}

/** Merges the 民法典 part files into one law, ordered by their first article. */
function mergeCivilCode(root: string, rels: string[]): Draft {
  const parts = rels.map((rel) => {
    const md = fs.readFileSync(path.join(root, rel), 'utf8');
    const sub = parseStatute(md).subTitles[0];
    return { rel, parsed: parseStatute(md, sub ? { part: sub } : {}) };
  });
  parts.sort((a, b) => (a.parsed.articles[0]?.number ?? 0) - (b.parsed.articles[0]?.number ?? 0));
  const first = parts[0]!;
  const articles: Article[] = parts.flatMap((p) => p.parsed.articles);
  const draft = draftFrom(`${CIVIL_CODE_DIR}/民法典.md`, { ...first.parsed, articles, preamble: '', appendix: '' });
  draft.source = parts.map((p) => p.rel).join(', ');
  draft.stray = parts.reduce((n, p) => n + p.parsed.strayParagraphs, 0);
  return draft;
}

/** Per title, the newest version in force on `asOf` is current; older ones superseded; later ones upcoming. */
function withStatus(drafts: Draft[], asOf: string): Array<LawFile & { outFile: string; stray: number }> {
  return resolveStatuses(drafts.map((d) => ({ ...d, status: 'current' as const })), asOf);
}

/** Reads `--flag value` pairs and the bare arguments. */
function parseArgs(argv: string[]): { roots: string[]; outDir: string; asOf: string } {
  const flags = new Map<string, string>();
  const bare: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${a} needs a value`);
      flags.set(a, value);
      i += 1;
    } else bare.push(a);
  }
  const asOf = flags.get('--as-of') ?? lawToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got "${asOf}"`);
  return { roots: bare.length ? bare : DEFAULT_ROOTS, outDir: flags.get('--out') ?? 'knowledge/laws', asOf };
}

function main(argv: string[]): void {
  const { roots, outDir, asOf } = parseArgs(argv);
  const drafts: Draft[] = [];
  roots.forEach((root, i) => {
    if (!fs.existsSync(root)) throw new Error(`statute folder not found: ${root}`);
    // The first root is the snapshot (sources relative to it, as before); later roots are named in the source.
    const prefix = i === 0 ? '' : `${path.basename(path.resolve(root))}/`;
    const files = listStatuteFiles(root);
    const civil = files.filter((f) => f.startsWith(`${CIVIL_CODE_DIR}/`));
    for (const rel of files.filter((f) => !f.startsWith(`${CIVIL_CODE_DIR}/`))) {
      drafts.push(draftFrom(rel, parseStatute(fs.readFileSync(path.join(root, rel), 'utf8')), prefix));
    }
    if (civil.length > 0) drafts.push(mergeCivilCode(root, civil));
  });
  const clash = drafts.find((d, i) => drafts.findIndex((e) => e.outFile === d.outFile) !== i);
  if (clash) throw new Error(`two roots hold ${clash.outFile}; a later text needs its own version date in the file name`);
  const laws = withRepealClauses(withStatus(drafts, asOf)).sort((a, b) => (a.outFile < b.outFile ? -1 : 1));

  // Only this tool writes here, so a clean rebuild keeps the tree free of stale files.
  fs.rmSync(outDir, { recursive: true, force: true });
  const manifest: ManifestEntry[] = [];
  for (const { outFile, stray: _stray, ...law } of laws) {
    const checked = lawFileSchema.parse(law);
    const target = path.join(outDir, outFile);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, serialiseLaw(checked));
    manifest.push({
      title: checked.title,
      file: outFile,
      versionDate: checked.versionDate,
      effectiveFrom: checked.effectiveFrom,
      status: checked.status,
      kind: checked.kind,
      articleCount: checked.articles.length,
    });
  }
  manifest.sort((a, b) =>
    a.title !== b.title ? (a.title < b.title ? -1 : 1) : (a.versionDate ?? '') < (b.versionDate ?? '') ? -1 : 1,
  );
  fs.writeFileSync(
    path.join(outDir, '_manifest.json'),
    `[\n${manifest.map((m) => JSON.stringify(m)).join(',\n')}\n]\n`,
  );
  report(laws, outDir);
  console.log(`\nstatus as of ${asOf} (the loader re-reads it as of each day it runs)`);
  for (const line of versionChangeReport(laws)) console.log(line);
}

function report(laws: Array<LawFile & { outFile: string; stray: number }>, outDir: string): void {
  const total = laws.reduce((n, l) => n + l.articles.length, 0);
  const current = laws.filter((l) => l.status === 'current');
  const repealed = laws.filter((l) => l.status === 'repealed');
  const upcoming = laws.filter((l) => l.status === 'upcoming');
  console.log(`wrote ${laws.length} laws (${current.length} current, ${laws.length - current.length - repealed.length - upcoming.length} superseded, ` +
    `${upcoming.length} upcoming, ${repealed.length} repealed), ${total} articles → ${outDir}`);
  console.log(`repealed by a clause of an instrument in force (or interpreting a statute so repealed): ${repealed.map((l) => `${l.title} [${l.repealedBy}]`).join('; ')}`);
  const byKind = new Map<string, number>();
  for (const l of laws) byKind.set(l.kind, (byKind.get(l.kind) ?? 0) + 1);
  console.log(`by kind: ${[...byKind].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const top = [...laws].sort((a, b) => b.articles.length - a.articles.length).slice(0, 10);
  console.log(`largest: ${top.map((l) => `${l.title}(${l.versionDate ?? '-'}) ${l.articles.length}`).join('; ')}`);

  const noArticles = laws.filter((l) => l.articles.length === 0);
  console.log(`\nno articles (${noArticles.length}): kept with body text`);
  for (const l of noArticles) console.log(`  ${l.source}${l.body ? '' : '  [empty stub]'}`);

  const issues = laws.flatMap((l) => {
    const r = numberingIssues(l.articles);
    const bits = [
      r.duplicates.length ? `duplicates ${r.duplicates.join(',')}` : '',
      r.gaps.length ? `gaps ${r.gaps.join(',')}` : '',
      r.outOfOrder ? `out of order ×${r.outOfOrder}` : '',
      r.firstNumber !== null && r.firstNumber !== 1 ? `starts at ${r.firstNumber}` : '',
      l.stray ? `${l.stray} paragraph(s) under article-less headings kept as appendix` : '',
    ].filter(Boolean);
    return bits.length ? [`  ${l.source}: ${bits.join('; ')}`] : [];
  });
  console.log(`\nnumbering notes (${issues.length} files; gaps are normal in amended laws):`);
  for (const line of issues) console.log(line);

  const byTitle = new Map<string, string[]>();
  for (const l of laws) if (l.status === 'current') byTitle.set(l.title, [...(byTitle.get(l.title) ?? []), l.source]);
  const twins = [...byTitle].filter(([, srcs]) => srcs.length > 1);
  console.log(`\nsame title and version in two folders, both current (${twins.length}):`);
  for (const [title, srcs] of twins) console.log(`  ${title}: ${srcs.join(' | ')}`);
  const undated = laws.filter((l) => l.versionDate === null && l.status === 'superseded');
  console.log(`undated files superseded by a dated version of the same title (${undated.length}):`);
  for (const l of undated) console.log(`  ${l.source}`);

  const civil = laws.find((l) => l.title === '民法典');
  if (civil) {
    const r = numberingIssues(civil.articles);
    const nums = civil.articles.map((a) => a.number);
    const ok = nums[0] === 1 && nums.at(-1) === 1260 && nums.length === 1260 && !r.gaps.length && !r.duplicates.length;
    console.log(`\n民法典: ${nums[0]}–${nums.at(-1)}, ${ok ? 'no gaps' : `PROBLEM gaps=${r.gaps} dups=${r.duplicates}`}`);
    if (!ok) process.exitCode = 1;
  } else {
    // A partial corpus (a fixture, an update folder alone) has no 民法典; the full snapshot always does.
    console.log('\n民法典: not in these roots');
  }
}

main(process.argv.slice(2));
