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
