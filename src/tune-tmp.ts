import { createLawline } from './assistant/lawline.js';
import { loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { readLearnedSources, trainOnSplit } from './assistant/learned-setup.js';
import { topicExamples } from './assistant/topic-examples.js';
import { citationOrder } from './assistant/cite.js';
import { boostLawsFinder } from './assistant/guide-laws.js';
import { PATHS } from './config/paths.js';
import { LearnedRanking } from './knowledge/learned-retrieval.js';
import { messageFeatures } from './understanding/features.js';
import { loadIntentData } from './understanding/intent-data.js';
import { trainModels } from './understanding/trained-models.js';
import { readFileSync } from 'node:fs';
const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
const sources = readLearnedSources();
const data = loadIntentData(PATHS.intents);
const rows: any[] = [];
for (const k of [0, 1]) {
  const train = new Set([0,1,2,3,4].filter((i) => i !== k));
  const trained = trainModels(lawline.pipeline, data, topicExamples(sources, train)); const tm = trained.topic;
  const boostLawsOf = boostLawsFinder(trained.intent, trained.topic, lawline.retriever, lawline.guides.values(), (t) => lawline.priors.guidesOf(t));
  const topicsOf = (a: any) => tm.predict(messageFeatures(a)).scores;
  const { ctx, models } = trainOnSplit(sources, { pipeline: lawline.pipeline, index: lawline.index, retriever: lawline.retriever, priors: lawline.priors, topicsOf, boostLawsOf }, train);
  const ranking = new LearnedRanking(models, ctx);
  for (const q of sources.real.filter((r) => r.fold === k)) {
    const gold = new Set(q.gold.flatMap((g) => (g.law ? [`${g.law}#${g.article}`] : [])));
    const a = lawline.pipeline.analyse(q.question);
    rows.push({ src: 'real', gold, r: ranking.rank(a, topicsOf(a), { limit: 20, boostLaws: boostLawsOf(a) }) });
  }
}
// own set through the shipped model
for (const l of readFileSync('test/fixtures/ask-dev.jsonl', 'utf8').split('\n').filter(Boolean)) {
  const q = JSON.parse(l);
  const r = lawline.recognise(q.text);
  rows.push({ src: 'own', gold: new Set(q.gold.map((g: any) => `${g.law}#${g.article}`)), r: lawline.learned.ranking.rank(r.analysed, r.domainScores, { limit: 20 }) });
}
for (const src of ['real', 'own']) {
  const R = rows.filter((x) => x.src === src);
  console.log(`== ${src} n=${R.length}`);
  for (const em of [0.3, 0.4, 0.5, 0.6, 0.7, 1.01]) {
    for (const cm of [0, 0.02, 0.04, 0.08, 0.15]) {
      let hit5 = 0, hit1 = 0, n = 0, cites = 0, direct = 0, directRight = 0;
      for (const x of R) {
        const top = x.r.entries[0];
        const entry = top && top.probability >= em ? top : null;
        const order = citationOrder(x.r.articles, entry, cm);
        cites += order.length;
        const i = order.findIndex((c: any) => x.gold.has(`${c.law}#${c.article}`));
        if (i >= 0 && i < 5) hit5++;
        if (i === 0) hit1++;
        if (entry) { direct++; if (entry.entry.basis.some((b: any) => x.gold.has(`${b.law}#${b.article}`))) directRight++; }
        n++;
      }
      console.log(`entryMin ${em} citeMin ${cm}: hit@1 ${(hit1/n).toFixed(3)} hit@5 ${(hit5/n).toFixed(3)} avgCites ${(cites/n).toFixed(2)} direct ${(direct/n).toFixed(2)} directRight ${(directRight/Math.max(1,direct)).toFixed(2)}`);
    }
  }
}
