/**
 * @module tools/validate-data
 * `npm run validate:data`: what `rasa data validate` does for lawline. Loads every data file with its schema and
 * cross-checks them: an utterance under two labels, guide and case citations to articles that do not exist,
 * guide offices missing from the region file, topics.yaml naming unknown laws or guides, question-bank entries
 * (schema, duplicates, provisions down to paragraph, figures), figures in guides that the cited law does not
 * give, and content whose review predates the law in force (stale review). Each problem names the file and
 * says what to fix; the exit code is 1 when there is any.
 */
import { join } from 'node:path';
import { PATHS } from '../config/paths.js';
import { loadRegion } from '../config/region.js';
import { loadCases } from '../knowledge/cases.js';
import { loadGuides, validateGuideReferences } from '../knowledge/guides.js';
import { currentLawsByTitle, findArticle, loadStatutes } from '../knowledge/statutes.js';
import { createLawBook, type LawBook } from '../knowledge/law-book.js';
import { reviewFindings } from '../knowledge/content-review.js';
import { curatedContent } from '../knowledge/curated-content.js';
import { checkQaEntries, loadQaBank } from '../knowledge/qa-bank.js';
import { guideContactProblems, guideFigureProblems, regionFigureText } from '../knowledge/guide-checks.js';
import type { LawFile } from '../knowledge/schemas/law.js';
import { loadTopicPriors } from '../knowledge/topic-priors.js';
import { loadLexicon } from '../text/lexicon.js';
import { loadEntityLookups } from '../understanding/entities.js';
import { crossCheck, loadIntentData } from '../understanding/intent-data.js';
import { TOPIC_LABELS } from '../vocabulary.js';

/** All problems found in the repository's data (empty when it is clean). */
export function validateData(statutes: LawFile[] = loadStatutes(PATHS.laws)): string[] {
  const problems: string[] = [];
  const attempt = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      problems.push(`${what}: ${(err as Error).message}`);
    }
  };
  const laws = currentLawsByTitle(statutes);
  const book: LawBook = createLawBook(statutes);
  const hasArticle = (law: string, article: number) => {
    const l = laws.get(law);
    return Boolean(l && findArticle(l, article));
  };

  attempt('intents', () => problems.push(...crossCheck(loadIntentData(PATHS.intents)).map((p) => `${p} (keep each utterance under one label)`)));
  attempt('intents/lexicon', () => loadLexicon(PATHS.lexicon));
  attempt('intents/lexicon/entities', () => loadEntityLookups(join(PATHS.lexicon, 'entities')));
  attempt('knowledge/region', () => {
    const region = loadRegion(PATHS.region);
    const offices = new Set(region.offices.map((o) => o.id));
    const guides = loadGuides(PATHS.guides);
    problems.push(...validateGuideReferences(guides, hasArticle, (id) => offices.has(id)).map((p) => `knowledge/guides/${p}`));
    const guideIds = new Set(guides.map((g) => g.id));
    const lawIds = new Map([...laws.keys()].map((title, i) => [title, i]));
    const priors = loadTopicPriors(PATHS.topics, lawIds, (title) =>
      problems.push(`knowledge/topics.yaml: law "${title}" is not a current statute in knowledge/laws (check the title)`));
    for (const label of TOPIC_LABELS) {
      for (const id of priors.guidesOf(label)) {
        if (!guideIds.has(id)) problems.push(`knowledge/topics.yaml: ${label}.guides names unknown guide "${id}"`);
      }
    }
  });
  attempt('knowledge/guides (figures, contacts)', () => {
    const region = loadRegion(PATHS.region);
    const guides = loadGuides(PATHS.guides);
    problems.push(...guideFigureProblems(guides, book, region).map((p) => `knowledge/guides/${p}`));
    problems.push(...guideContactProblems(guides, region).map((p) => `knowledge/guides/${p}`));
  });
  attempt('knowledge/qa', () => {
    const { entries, problems: loadProblems } = loadQaBank(PATHS.qa);
    const region = loadRegion(PATHS.region);
    const ctx = {
      book,
      guideIds: new Set(loadGuides(PATHS.guides).map((g) => g.id)),
      caseIds: new Set(loadCases(PATHS.cases).cases.map((c) => c.id)),
      knownNumbers: [regionFigureText(region)],
    };
    problems.push(...[...loadProblems, ...checkQaEntries(entries, ctx)].map((p) => `knowledge/qa/${p}`));
  });
  attempt('review', () => {
    for (const f of reviewFindings(curatedContent(PATHS), book)) problems.push(`${f.file}: stale review: ${f.message}`);
  });
  attempt('case-library', () => {
    for (const c of loadCases(PATHS.cases).cases) {
      c.citedArticles.forEach((ref, i) => {
        if (!hasArticle(ref.law, ref.article)) {
          problems.push(`case-library/${c.year}/${c.id}.yaml: citedArticles.${i}: ${ref.law} 第${ref.article}条 does not exist in the current statute`);
        }
      });
    }
  });
  return problems;
}

const isMain = process.argv[1]?.endsWith('validate-data.ts');
if (isMain) {
  const problems = validateData();
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} problem(s) found` : 'data is valid');
  process.exitCode = problems.length ? 1 : 0;
}
