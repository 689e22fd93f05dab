/**
 * @module assistant/clarify
 * When the classifiers are unsure, say so: list the top two or three readings as numbered choices (works on
 * WeChat) and state which one the answer below follows, instead of guessing silently.
 */
import type { Recognition } from '../understanding/recognizer.js';
import type { ServiceIntent, TopicLabel } from '../vocabulary.js';
import { REPLIES } from './replies-zh.js';

/** Intent confidence under which the readings are offered. */
export const CLARIFY_INTENT_BELOW = 0.5;
/** Topic confidence under which legal-topic readings are offered for a consultation. */
export const CLARIFY_DOMAIN_BELOW = 0.3;
const SMALL_TALK = new Set<ServiceIntent>(['greeting', 'thanks', 'out_of_scope']);
/** A reading must have at least this probability to be offered. */
const MIN_READING = 0.12;

/** One reading of an unclear message: what the citizen may have meant, and the label shown for it. */
export interface Reading { label: string; intent: ServiceIntent; domain: TopicLabel }

/** What the readings need of the assistant: the display names of the service intents. */
export interface ClarifyDeps { intentLabels: ReadonlyMap<string, string> }

/** The numbered readings, or null when the classification is clear enough. */
export function clarifyingReadings({ intentLabels }: ClarifyDeps, r: Recognition): Reading[] | null {
  if (r.intentConfidence < CLARIFY_INTENT_BELOW) {
    // Small talk is never offered as a reading: only services and legal questions are worth a choice.
    const readings = r.intents.filter((i) => i.confidence >= MIN_READING && !SMALL_TALK.has(i.label)).slice(0, 3);
    if (readings.length >= 2) {
      return readings.map((i) => ({
        label: i.label === 'consult' ? `法律问题咨询（${r.domain}）` : intentLabels.get(i.label) ?? i.label,
        intent: i.label,
        domain: r.domain,
      }));
    }
  }
  if (r.intent === 'consult' && r.domainConfidence < CLARIFY_DOMAIN_BELOW) {
    const readings = r.domains.filter((d) => d.confidence >= MIN_READING).slice(0, 3);
    if (readings.length >= 2) return readings.map((d) => ({ label: `${d.label}方面的问题`, intent: r.intent, domain: d.label }));
  }
  return null;
}

/** The clarifying paragraph for `readings`. */
export function clarifyingText(readings: Reading[]): string {
  return [REPLIES.clarifyPrefix, ...readings.map((c, i) => `${i + 1}. ${c.label}`), REPLIES.clarifySuffix].join('\n');
}

/** The recognition as the citizen meant it, once they picked a reading. */
export function withReading(r: Recognition, reading: Pick<Reading, 'intent' | 'domain'>): Recognition {
  return {
    ...r,
    intent: reading.intent,
    intentConfidence: 1,
    domain: reading.domain,
    domainConfidence: 1,
    domainScores: { [reading.domain]: 1 },
  };
}
