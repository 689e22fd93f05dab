/**
 * @module cli/laws-command
 * Staff commands on the statute corpus and the content that cites it:
 *   lawline laws show <title> <article> …                        an article in force, paragraphs (款) and items (项) numbered
 *   lawline laws diff <title> [--from <version>] [--to <version>]   what changed between two versions
 *   lawline laws stale                                            content whose review predates the law in force
 *   lawline laws reviewed <file> …                                record that a person re-read these files today
 *   lawline qa check [<file or folder> …]                         check question-bank entries (all when none given)
 */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { PATHS, REPO_ROOT } from '../config/paths.js';
import { loadRegion } from '../config/region.js';
import { lawToday } from '../config/today.js';
import { InputError } from '../errors.js';
import { loadCases } from '../knowledge/cases.js';
import { reviewFindings } from '../knowledge/content-review.js';
import { markReviewed } from '../knowledge/review-mark.js';
import { curatedContent } from '../knowledge/curated-content.js';
import { regionFigureText } from '../knowledge/guide-checks.js';
import { loadGuides } from '../knowledge/guides.js';
import { articleParagraphs } from '../knowledge/article-structure.js';
import { createLawBook, type LawBook } from '../knowledge/law-book.js';
import { versionId } from '../knowledge/law-versions.js';
import { checkQaEntries, loadQaBank } from '../knowledge/qa-bank.js';
import { loadStatutes } from '../knowledge/statutes.js';
import { pairReport } from '../knowledge/law-change-report.js';

export const LAWS_USAGE = `usage: lawline laws show <title> <article> [<article> …]
       lawline laws diff <title> [--from <version>] [--to <version>]
       lawline laws stale
       lawline laws reviewed <file> [<file> …]
       lawline qa check [<file or folder> …]`;

type Out = (line: string) => void;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new InputError(`${name} needs a value`);
  return v;
}

function diff(args: string[], book: LawBook, out: Out): number {
  const title = args.find((a, i) => !a.startsWith('--') && !['--from', '--to'].includes(args[i - 1] ?? ''));
  if (!title) throw new InputError('laws diff: name the law, e.g. lawline laws diff 仲裁法');
  const versions = book.versions(title.replace(/^中华人民共和国/, ''));
  if (versions.length === 0) throw new InputError(`laws diff: no statute titled "${title}" in knowledge/laws`);
  if (versions.length === 1) {
    out(`${title}: one version only (${versionId(versions[0]!)}), nothing to compare`);
    return 0;
  }
  const pickVersion = (id: string | undefined, fallback: number) => {
    if (id === undefined) return versions[fallback]!;
    const v = versions.find((x) => versionId(x) === id);
    if (!v) throw new InputError(`laws diff: ${title} has no version ${id} (versions: ${versions.map(versionId).join(', ')})`);
    return v;
  };
  const to = pickVersion(flag(args, '--to'), versions.length - 1);
  const from = pickVersion(flag(args, '--from'), Math.max(0, versions.indexOf(to) - 1));
  out(`${title}: ${versions.map((v) => `${versionId(v)} (in force ${v.effectiveFrom ?? '?'}, ${v.status})`).join('; ')}`);
  for (const line of pairReport(from, to)) out(line);
  return 0;
}

function show(args: string[], book: LawBook, out: Out): number {
  const [title, ...numbers] = args;
  if (!title || numbers.length === 0) throw new InputError('laws show: name the law and the article numbers, e.g. lawline laws show 民法典 1084');
  const law = book.current(title.replace(/^中华人民共和国/, ''));
  if (!law) throw new InputError(`laws show: no statute in force titled "${title}"`);
  out(`《${law.title}》 version ${versionId(law)}, in force ${law.effectiveFrom ?? '?'}`);
  for (const n of numbers) {
    const a = book.article(law.title, Number(n));
    if (!a) {
      out(`  article ${n}: not in this version`);
      continue;
    }
    out(`${a.label} (${a.number})${a.chapter ? `  [${a.chapter}${a.section ? ` ${a.section}` : ''}]` : ''}`);
    for (const p of articleParagraphs(a.text)) {
      out(`  款${p.number}: ${p.text}`);
      for (const i of p.items) out(`    项${i.number}: ${i.text}`);
    }
  }
  return 0;
}

function stale(book: LawBook, out: Out): number {
  const findings = reviewFindings(curatedContent(PATHS), book);
  for (const f of findings) out(`${f.file}: ${f.message}`);
  out(findings.length ? `${findings.length} item(s) to review` : 'every guide, case and bank entry was reviewed against the law in force');
  return findings.length ? 1 : 0;
}

function reviewed(files: string[], book: LawBook, out: Out): number {
  if (files.length === 0) throw new InputError('laws reviewed: name the files you re-read');
  const today = lawToday();
  for (const f of files) {
    const full = resolve(f);
    if (!existsSync(full)) throw new InputError(`${f}: no such file`);
    const record = markReviewed(full, book, today);
    out(`${relative(REPO_ROOT, full)}: reviewed on ${today} against ${Object.entries(record.laws).map(([l, v]) => `${l} ${v}`).join(', ') || 'no law'}`);
  }
  return 0;
}

function qaCheck(targets: string[], book: LawBook, out: Out): number {
  const { entries, problems: loadProblems } = loadQaBank(PATHS.qa);
  const region = loadRegion(PATHS.region);
  const problems = [...loadProblems, ...checkQaEntries(entries, {
    book,
    guideIds: new Set(loadGuides(PATHS.guides).map((g) => g.id)),
    caseIds: new Set(loadCases(PATHS.cases).cases.map((c) => c.id)),
    knownNumbers: [regionFigureText(region)],
  })];
  const wanted = targets.map((t) => relative(PATHS.qa, resolve(t)));
  for (const t of targets) if (!existsSync(resolve(t))) throw new InputError(`${t}: no such file or folder`);
  const dirs = targets.filter((t) => statSync(resolve(t)).isDirectory()).map((t) => relative(PATHS.qa, resolve(t)));
  const mine = (p: string) => !targets.length || wanted.some((w) => p.startsWith(`${w}:`)) || dirs.some((d) => d === '' || p.startsWith(`${d}/`));
  const shown = problems.filter(mine);
  for (const p of shown) out(`knowledge/qa/${p}`);
  const checked = entries.filter((e) => mine(`${e.file}:`)).length;
  out(`${checked} entr${checked === 1 ? 'y' : 'ies'} checked (${entries.length} in the bank), ${shown.length} problem(s)`);
  return shown.length ? 1 : 0;
}

/** Runs `lawline laws …` or `lawline qa …`; returns the exit code (2 = usage). */
export function runLawsCommand(command: 'laws' | 'qa', args: string[], out: Out): number {
  const [action, ...rest] = args;
  const book = () => createLawBook(loadStatutes(PATHS.laws));
  if (command === 'qa' && action === 'check') return qaCheck(rest, book(), out);
  if (command === 'laws' && action === 'show') return show(rest, book(), out);
  if (command === 'laws' && action === 'diff') return diff(rest, book(), out);
  if (command === 'laws' && action === 'stale') return stale(book(), out);
  if (command === 'laws' && action === 'reviewed') return reviewed(rest, book(), out);
  out(LAWS_USAGE);
  return 2;
}
