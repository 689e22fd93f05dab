/**
 * @module understanding/emergency-detector
 * Flags danger now (violence, threats, confinement, self-harm). A message is an emergency when one of the
 * precise patterns in intents/emergency.yaml matches, or when the emergency classifier is confident.
 * Missing a real emergency is worse than a false alarm, but false alarms are capped (see the dev set).
 */
import type { SoftmaxClassifier } from './softmax-classifier.js';

export interface EmergencyVerdict { emergency: boolean; probability: number; pattern: string | null }

/** Probability above which the classifier alone raises the flag; tuned on test/fixtures/emergency-dev.jsonl. */
export const EMERGENCY_THRESHOLD = 0.6;

export function compileEmergencyPatterns(patterns: string[]): RegExp[] {
  return patterns.map((p) => new RegExp(p, 'u'));
}

export function detectEmergency(
  normalised: string,
  features: string[],
  patterns: RegExp[],
  classifier: SoftmaxClassifier | null,
  threshold = EMERGENCY_THRESHOLD,
): EmergencyVerdict {
  const probability = classifier ? (classifier.predict(features).scores.emergency ?? 0) : 0;
  const hit = patterns.find((re) => re.test(normalised));
  return { emergency: Boolean(hit) || probability >= threshold, probability, pattern: hit?.source ?? null };
}
