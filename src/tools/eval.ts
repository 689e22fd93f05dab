/**
 * @module tools/eval
 * `npm run eval`: measures lawline, always beside a plain baseline: a character-bigram BM25 over the same statutes
 * for citations, the label of the nearest training example for intents, topics and emergencies.
 * 1. Real questions (knowledge/real-questions), five folds, each measured with models trained on the other four:
 *    citations (hit@1, hit@5, MRR) of the learned ranking and of the lexical ranking alone, and topic accuracy.
 * 2. Our own held-out sets in test/fixtures, written by the team (easier; reported apart): citations through
 *    `ask`, guides, intents, topics, emergencies.
 * `--json` prints the numbers as JSON; `--skip-real` leaves out part 1 (it trains five times, ~3 minutes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLawline } from '../assistant/lawline.js';
import { loadConfig } from '../config/config.js';
import { PATHS, REPO_ROOT } from '../config/paths.js';
import { createLogger } from '../logging/logger.js';
import { firstRelevantRank, labelReport, rankingScores, type LabelReport, type RankingScores } from './metrics.js';
import { evaluateRealQuestions, type RealQuestionReport } from './eval-real.js';
import { nearestLabelBaseline } from './nearest-label-baseline.js';
import { readLearnedSources } from '../assistant/learned-setup.js';
import { topicExamples } from '../assistant/topic-examples.js';
import { loadIntentData } from '../understanding/intent-data.js';
import { trainingSets } from '../understanding/trained-models.js';

interface AskCase { id: string; text: string; topic: string; gold: Array<{ law: string; article: number }>; guides: string[] }

function readJsonLines<T>(name: string): T[] {
  const file = join(REPO_ROOT, 'test', 'fixtures', name);
  if (!existsSync(file)) {
    console.error(`(skipped: ${file} does not exist)`);
    return [];
  }
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printRanking(label: string, s: RankingScores) {
  console.log(`  ${label.padEnd(28)} hit@1 ${pct(s.hit1).padStart(6)}  hit@5 ${pct(s.hit5).padStart(6)}  MRR ${s.mrr.toFixed(3)}  (n=${s.n})`);
}

function printLabels(title: string, r: LabelReport) {
  console.log(`\n${title}: accuracy ${pct(r.accuracy)}, macro-F1 ${r.macroF1.toFixed(3)}`);
  console.log('  per label (F1 / support):', r.perLabel.map((l) => `${l.label} ${l.f1.toFixed(2)}/${l.support}`).join(', '));
  console.log('  most frequent confusions (gold → predicted):', r.confusions.map((c) => `${c.gold}→${c.predicted} ×${c.count}`).join(', ') || 'none');
}

async function main() {
  const json = process.argv.includes('--json');
  const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
  const real: RealQuestionReport | null = process.argv.includes('--skip-real') ? null : evaluateRealQuestions(lawline);

  const askSet = readJsonLines<AskCase>('ask-dev.jsonl');
  const ours: number[] = [];
  const base: number[] = [];
  const guideHits: number[] = [];
  for (const q of askSet) {
    const isGold = (c: { law: string | null; article: number | null }) => q.gold.some((g) => g.law === c.law && g.article === c.article);
    const result = await lawline.ask(q.text);
    ours.push(firstRelevantRank(result.citations, isGold));
    base.push(firstRelevantRank(lawline.retriever.baseline(q.text, 5).map((h) => h.doc), isGold));
    if (q.guides.length) guideHits.push(result.guides.some((g) => q.guides.includes(g.id)) ? 1 : 0);
  }
  const citations = { lawline: rankingScores(ours), baseline: rankingScores(base) };
  const guides = guideHits.reduce((a, b) => a + b, 0) / (guideHits.length || 1);

  const intentSet = readJsonLines<{ text: string; intent: string }>('intent-dev.jsonl');
  const intents = labelReport(intentSet.map((c) => ({ gold: c.intent, predicted: lawline.classify(c.text).intent })));
  const topicSet = readJsonLines<{ text: string; domain: string }>('topic-dev.jsonl');
  const topics = labelReport(topicSet.map((c) => ({ gold: c.domain, predicted: lawline.classify(c.text).domain })));
  // The retrieval dev set carries topics too, written by another author than the topic data: a second opinion.
  const topicsSecond = labelReport(askSet.map((q) => ({ gold: q.topic, predicted: lawline.classify(q.text).domain })));
  const emergencySet = readJsonLines<{ text: string; emergency: boolean }>('emergency-dev.jsonl');
  const flagged = emergencySet.map((c) => ({ text: c.text, gold: c.emergency, flagged: lawline.classify(c.text).risk === 'emergency' }));
  const positives = flagged.filter((f) => f.gold);
  const negatives = flagged.filter((f) => !f.gold);
  // The plain baseline for the classifiers: the label of the nearest example in the same training data.
  const sets = trainingSets(loadIntentData(PATHS.intents), topicExamples(readLearnedSources()));
  const nearestIntent = nearestLabelBaseline(lawline.pipeline, sets.intent, 'consult');
  const nearestTopic = nearestLabelBaseline(lawline.pipeline, sets.topic, '综合咨询');
  const nearestEmergency = nearestLabelBaseline(lawline.pipeline, sets.emergency, 'ordinary');
  const baseline = {
    intents: labelReport(intentSet.map((c) => ({ gold: c.intent, predicted: nearestIntent(c.text) }))),
    topics: labelReport(topicSet.map((c) => ({ gold: c.domain, predicted: nearestTopic(c.text) }))),
    topicsSecond: labelReport(askSet.map((q) => ({ gold: q.topic, predicted: nearestTopic(q.text) }))),
    emergencyRecall: positives.filter((f) => nearestEmergency(f.text) === 'emergency').length / (positives.length || 1),
    emergencyFalseAlarms: negatives.filter((f) => nearestEmergency(f.text) === 'emergency').length / (negatives.length || 1),
  };
  const plain = (r: LabelReport) => `  plain baseline (label of the nearest training example, BM25): accuracy ${pct(r.accuracy)}, macro-F1 ${r.macroF1.toFixed(3)}`;
  const emergency = {
    recall: positives.filter((f) => f.flagged).length / (positives.length || 1),
    falseAlarmRate: negatives.filter((f) => f.flagged).length / (negatives.length || 1),
    positives: positives.length,
    negatives: negatives.length,
  };

  if (json) {
    console.log(JSON.stringify({ real, citations, guides, intents, topics, topicsSecond, emergency, baseline }, null, 2));
  } else {
    if (real) {
      console.log(`Real questions (knowledge/real-questions, ${real.n} in ${real.folds} folds; each fold measured with models trained on the others):`);
      printRanking('lawline ask (what it cites)', real.cited);
      printRanking('learned ranking, top five', real.learned);
      printRanking('lexical ranking alone', real.lexical);
      printRanking('character-bigram BM25', real.baseline);
      const r = real.baseline.hit5 ? real.cited.hit5 / real.baseline.hit5 : Infinity;
      console.log(`  hit@5 ratio lawline / baseline: ${r.toFixed(2)}×  (${real.unanswerable} question(s) cite only law no longer in force)`);
      const e = real.entries;
      const share = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
      console.log(`  bank entry leads the answer: ${share(e.led, real.n)} of questions, resting on a cited article in ${share(e.ledRight, e.led)}; offered as a reading ("如果您问的是…"): ${share(e.tentative, real.n)}, right in ${share(e.tentativeRight, e.tentative)}`);
      printLabels(`Topics on the ${real.topics.perLabel.reduce((n, l) => n + l.support, 0)} labelled real questions (held-out folds)`, real.topics);
      console.log(plain(real.topicsBaseline));
      console.log(`  (${(real.ms / 1000).toFixed(0)} s)\n\nOur own sets (written by the team; easier than real questions):`);
    }
    console.log(`Citations on ${askSet.length} questions (test/fixtures/ask-dev.jsonl):`);
    printRanking('lawline', citations.lawline);
    printRanking('character-bigram BM25', citations.baseline);
    const ratio = citations.baseline.hit5 ? citations.lawline.hit5 / citations.baseline.hit5 : Infinity;
    console.log(`  hit@5 ratio lawline / baseline: ${ratio.toFixed(2)}×`);
    console.log(`  guide named when one is expected: ${pct(guides)} (n=${guideHits.length})`);
    printLabels(`Service intents on ${intentSet.length} messages (intent-dev.jsonl)`, intents);
    console.log(plain(baseline.intents));
    printLabels(`Legal topics on ${topicSet.length} questions (topic-dev.jsonl)`, topics);
    console.log(plain(baseline.topics));
    console.log(`  and on the ${askSet.length} retrieval dev questions (ask-dev.jsonl, another author): accuracy ${pct(topicsSecond.accuracy)}, macro-F1 ${topicsSecond.macroF1.toFixed(3)}; plain baseline ${pct(baseline.topicsSecond.accuracy)}, ${baseline.topicsSecond.macroF1.toFixed(3)}`);
    console.log(`\nEmergencies (emergency-dev.jsonl): recall ${pct(emergency.recall)} of ${emergency.positives}, false alarms ${pct(emergency.falseAlarmRate)} of ${emergency.negatives} ordinary messages`);
    console.log(`  plain baseline (nearest training example): recall ${pct(baseline.emergencyRecall)}, false alarms ${pct(baseline.emergencyFalseAlarms)}`);
  }
  lawline.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
