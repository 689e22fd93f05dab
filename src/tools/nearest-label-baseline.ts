/**
 * @module tools/nearest-label-baseline
 * The plain baseline `npm run eval` puts beside the intent, topic and emergency classifiers: the label of the
 * single nearest training example by BM25 over words and character bigrams (1-nearest-neighbour). It learns
 * nothing beyond the examples themselves, so the gap to it is what the trained classifier adds.
 */
import { ExampleIndex, exampleTokens } from '../knowledge/example-index.js';
import type { TextPipeline } from '../text/text-pipeline.js';

export function nearestLabelBaseline(pipeline: TextPipeline, examples: Array<{ text: string; label: string }>, fallback: string): (text: string) => string {
  const index = new ExampleIndex(examples.map((e, i) => ({ group: `example:${i}`, entry: null, articles: [], ...exampleTokens(pipeline.analyse(e.text)) })));
  return (text) => {
    const [hit] = index.search(exampleTokens(pipeline.analyse(text)), 1);
    return hit ? examples[hit.index]!.label : fallback;
  };
}
