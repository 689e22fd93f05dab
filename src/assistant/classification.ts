/**
 * @module assistant/classification
 * The public shape of a classification (`POST /api/v1/classify`, `lawline classify`).
 */
import type { Entity } from '../understanding/entities.js';
import type { Recognition } from '../understanding/recognizer.js';

export interface Classification {
  intent: string;
  domain: string;
  /** Calibrated probability of `intent`. */
  confidence: number;
  domainConfidence: number;
  risk: 'emergency' | null;
  entities: Entity[];
  /** Up to three readings, for clarifying questions. */
  alternatives: Array<{ intent: string; confidence: number }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function toClassification(r: Recognition): Classification {
  return {
    intent: r.intent,
    domain: r.domain,
    confidence: round(r.intentConfidence),
    domainConfidence: round(r.domainConfidence),
    risk: r.risk,
    entities: r.entities,
    alternatives: r.intents.slice(0, 3).map((i) => ({ intent: i.label, confidence: round(i.confidence) })),
  };
}
