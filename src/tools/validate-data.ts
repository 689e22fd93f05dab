/**
 * @module tools/validate-data
 * `npm run validate:data`: what `rasa data validate` does for lawline. Loads every data file with its schema and
 * cross-checks them: an utterance under two labels, guide and case citations to articles that do not exist,
 * guide offices missing from the region file, topics.yaml naming unknown laws or guides, question-bank entries
 * (schema, duplicates, provisions down to paragraph, figures), figures in guides that the cited law does not
 * give, content whose review predates the law in force (stale review), and document kinds citing articles that do
 * not exist. Each problem names the file and
 * says what to fix; the exit code is 1 when there is any.
 */
import { join } from 'node:path';
import { PATHS } from '../config/paths.js';
import { lawToday } from '../config/today.js';
import { loadRegion } from '../config/region.js';
import { loadCases } from '../knowledge/cases.js';
import { loadDocumentKinds } from '../documents/document-kinds.js';
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
import { articleParagraphs } from '../knowledge/article-structure.js';
import { calculate } from '../calculators/calculate.js';
import { CITATION_PROBES } from '../calculators/citation-probes.js';
import { loadHolidayCalendar } from '../calculators/holiday-calendar.js';
import { loadLabourFigures } from '../calculators/labour-figures.js';

/** Where the data lives (the repository's folders by default; tests point some of them at fixtures). */
export type DataPaths = Pick<typeof PATHS, 'laws' | 'guides' | 'cases' | 'qa' | 'region' | 'topics' | 'intents' | 'lexicon'> & Partial<Pick<typeof PATHS, 'labourFigures' | 'holidays'>>;

/** All problems found in the data (empty when it is clean), with the law as in force on `today`. */
export function validateData(paths: DataPaths = PATHS, today: string = lawToday()): string[] {
  const statutes: LawFile[] = loadStatutes(paths.laws, today);
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

  attempt('intents', () => problems.push(...crossCheck(loadIntentData(paths.intents)).map((p) => `${p} (keep each utterance under one label)`)));
  attempt('intents/lexicon', () => loadLexicon(paths.lexicon));
  attempt('intents/lexicon/entities', () => loadEntityLookups(join(paths.lexicon, 'entities')));
  attempt('knowledge/region', () => {
    const region = loadRegion(paths.region);
    const offices = new Set(region.offices.map((o) => o.id));
    const guides = loadGuides(paths.guides);
    problems.push(...validateGuideReferences(guides, hasArticle, (id) => offices.has(id)).map((p) => `knowledge/guides/${p}`));
    const guideIds = new Set(guides.map((g) => g.id));
    const lawIds = new Map([...laws.keys()].map((title, i) => [title, i]));
    const priors = loadTopicPriors(paths.topics, lawIds, (title) =>
      problems.push(`knowledge/topics.yaml: law "${title}" is not a current statute in knowledge/laws (check the title)`));
    for (const label of TOPIC_LABELS) {
      for (const id of priors.guidesOf(label)) {
        if (!guideIds.has(id)) problems.push(`knowledge/topics.yaml: ${label}.guides names unknown guide "${id}"`);
      }
    }
  });
  attempt('knowledge/region (calculators)', () => {
    const data = { figures: loadLabourFigures(paths.labourFigures), calendar: loadHolidayCalendar(paths.holidays) };
    // Every provision a calculator cites must exist in the statute in force, down to the paragraph it names.
    const seen = new Set<string>();
    for (const probe of CITATION_PROBES) {
      for (const b of calculate(probe, data, today).basis) {
        const key = `${b.law} ${b.article} ${b.paragraph ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const law = laws.get(b.law);
        const article = law && findArticle(law, b.article);
        if (!article) problems.push(`src/calculators (${probe.kind}): cites ${b.law} 第${b.article}条, which the current statute does not have`);
        else if (b.paragraph !== undefined && articleParagraphs(article.text).length < b.paragraph) {
          problems.push(`src/calculators (${probe.kind}): cites ${b.law} 第${b.article}条第${b.paragraph}款, but that article has ${articleParagraphs(article.text).length} paragraph(s)`);
        }
      }
    }
  });
  attempt('knowledge/guides (figures, contacts)', () => {
    const region = loadRegion(paths.region);
    const guides = loadGuides(paths.guides);
    problems.push(...guideFigureProblems(guides, book, region).map((p) => `knowledge/guides/${p}`));
    problems.push(...guideContactProblems(guides, region).map((p) => `knowledge/guides/${p}`));
  });
  attempt('knowledge/qa', () => {
    const { entries, problems: loadProblems } = loadQaBank(paths.qa);
    const region = loadRegion(paths.region);
    const ctx = {
      book,
      guideIds: new Set(loadGuides(paths.guides).map((g) => g.id)),
      caseIds: new Set(loadCases(paths.cases).cases.map((c) => c.id)),
      knownNumbers: [regionFigureText(region)],
    };
    problems.push(...[...loadProblems, ...checkQaEntries(entries, ctx)].map((p) => `knowledge/qa/${p}`));
  });
  attempt('review', () => {
    for (const f of reviewFindings(curatedContent(paths), book)) problems.push(`${f.file}: stale review: ${f.message}`);
  });
  attempt('case-library', () => {
    for (const c of loadCases(paths.cases).cases) {
      c.citedArticles.forEach((ref, i) => {
        if (!hasArticle(ref.law, ref.article)) {
          problems.push(`case-library/${c.year}/${c.id}.yaml: citedArticles.${i}: ${ref.law} 第${ref.article}条 does not exist in the current statute`);
        }
      });
    }
  });
  attempt('knowledge/documents', () => {
    for (const spec of loadDocumentKinds().values()) {
      spec.basis.forEach((ref, i) => {
        if (!hasArticle(ref.law, ref.article)) {
          problems.push(`knowledge/documents (${spec.kind}): basis.${i}: ${ref.law} 第${ref.article}条 does not exist in the current statute`);
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
