import { createLawline } from './assistant/lawline.js';
import { loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { exampleTokens } from './knowledge/example-index.js';
const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
for (const q of process.argv.slice(2)) {
  const r = lawline.recognise(q);
  const rank = lawline.learned.ranking.rank(r.analysed, r.domainScores, { limit: 8 });
  console.log('==', q, r.domain, r.intent);
  console.log(rank.entries.map((e) => `${e.entry.id} p=${e.probability.toFixed(2)} cov=${e.coverage.toFixed(2)}`).join('\n'));
  console.log(rank.articles.map((a) => `${a.law}#${a.article} ${a.probability.toFixed(3)}`).join(' | '));
  const known = (lawline.learned.ranking as any).ctx.known;
  const hits = known.index.search(exampleTokens(r.analysed), 8);
  for (const h of hits) { const e = known.index.examples[h.index]; console.log('  ', h.coverage.toFixed(2), e.group, e.words.join(' ').slice(0, 60)); }
}
