/**
 * @module assistant/clarify
 * When the classifiers are unsure, say so: list the top two or three readings as numbered choices (works on
 * WeChat) and state which one the answer below follows, instead of guessing silently.
 */
import type { Recognition } from '../understanding/recognizer.js';
import type { Lawline } from './lawline.js';
import { REPLIES } from './replies-zh.js';

/** Intent confidence under which the readings are offered. */
export const CLARIFY_INTENT_BELOW = 0.5;
/** Topic confidence under which legal-topic readings are offered for a consultation. */
export const CLARIFY_DOMAIN_BELOW = 0.3;
/** A reading must have at least this probability to be offered. */
const MIN_READING = 0.12;

/** The numbered readings, or null when the classification is clear enough. */
export function clarifyingChoices(lawline: Lawline, r: Recognition): string[] | null {
  if (r.intentConfidence < CLARIFY_INTENT_BELOW) {
    const readings = r.intents.filter((i) => i.confidence >= MIN_READING).slice(0, 3);
    if (readings.length >= 2) {
      return readings.map((i) => (i.label === 'consult' ? `法律问题咨询（${r.domain}）` : lawline.intentLabels.get(i.label) ?? i.label));
    }
  }
  if (r.intent === 'consult' && r.domainConfidence < CLARIFY_DOMAIN_BELOW) {
    const readings = r.domains.filter((d) => d.confidence >= MIN_READING).slice(0, 3);
    if (readings.length >= 2) return readings.map((d) => `${d.label}方面的问题`);
  }
  return null;
}

/** The clarifying paragraph, or null. */
export function classificationSummary(lawline: Lawline, r: Recognition): string | null {
  const choices = clarifyingChoices(lawline, r);
  if (!choices) return null;
  return [REPLIES.clarifyPrefix, ...choices.map((c, i) => `${i + 1}. ${c}`), REPLIES.clarifySuffix].join('\n');
}
