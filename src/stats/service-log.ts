/**
 * @module stats/service-log
 * Records what the overview needs and nothing else records: each question the bot handled (its channel, intent,
 * topic, county and who answered) and each eligibility check's decision. No text of the citizen's is kept.
 * Recording never fails a turn: a failed write is logged and forgotten.
 */
import type { Logger } from '../logging/logger.js';
import type { ConsultationOutcome, ServiceLogRepository } from '../storage/repositories/service-log-repository.js';
import { chinaDay } from './china-day.js';

export type { ConsultationOutcome } from '../storage/repositories/service-log-repository.js';

export interface ConsultationEntry {
  channelId: string; conversationId: string; intent: string | null; topic: string | null; county: string | null;
  outcome: ConsultationOutcome;
  /** 'emergency' when the question was flagged as danger now. */
  risk?: 'emergency' | null;
}

/** Small talk is not a consultation: it is not counted. */
const NOT_COUNTED = new Set(['greeting', 'thanks']);
/** Intents that are about a service, not a legal topic: their (guessed) topic is not counted. */
const NO_TOPIC = new Set(['out_of_scope', 'progress', 'human']);

/** Whether a message of this intent is a consultation the overview counts. */
export const isConsultation = (intent: string): boolean => !NOT_COUNTED.has(intent);

/** The topic a consultation is counted under: none for intents about a service rather than the law. */
export const countedTopic = (intent: string, domain: string | null): string | null => (NO_TOPIC.has(intent) ? null : domain);

/**
 * Who answered a question, decided the same way on every channel: a person when it was handed off, else the
 * numbered readings when the bot asked which was meant, else nobody when the answer was unsure.
 * @example consultationOutcome({ handedOff: false, clarified: false, unsure: true }) // 'unanswered'
 */
export function consultationOutcome(a: { handedOff: boolean; clarified: boolean; unsure: boolean }): ConsultationOutcome {
  return a.handedOff ? 'handed_off' : a.clarified ? 'clarified' : a.unsure ? 'unanswered' : 'bot';
}

export interface EligibilityCheckEntry {
  channelId: string; conversationId: string | null; county: string | null; decision: string; meansTest: string | null;
}

export interface ServiceLog {
  consultation(entry: ConsultationEntry): Promise<void>;
  eligibilityCheck(entry: EligibilityCheckEntry): Promise<void>;
}

/** @example const log = createServiceLog(createServiceLogRepository(sql), logger); */
export function createServiceLog(repo: ServiceLogRepository, log: Logger, now: () => number = Date.now): ServiceLog {
  const keep = (what: string) => (error: unknown) => log.warn(`${what} not recorded`, { error });
  return {
    consultation(e) {
      const at = now();
      return repo.addConsultation({ at, day: chinaDay(at), ...e }).catch(keep('consultation'));
    },
    eligibilityCheck(e) {
      const at = now();
      return repo.addEligibilityCheck({ at, day: chinaDay(at), ...e }).catch(keep('eligibility check'));
    },
  };
}
