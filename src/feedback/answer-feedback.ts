/**
 * @module feedback/answer-feedback
 * A citizen's 有用 / 没用 vote on an answer: validated, stored, and logged with the question masked (it may hold a
 * name or a phone number).
 */
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { maskPersonalData } from '../logging/mask.js';
import type { FeedbackRepository } from '../storage/repositories/feedback-repository.js';
import { chinaDay } from '../stats/china-day.js';

/** Body of `POST /api/v1/feedback`. */
export const feedbackRequestSchema = z.object({
  conversationId: z.string({ invalid_type_error: 'expected a string' }).trim().min(1, 'must not be empty').max(200).optional(),
  question: z.string({ required_error: 'required', invalid_type_error: 'expected a string' }).trim().min(1, 'must not be empty').max(2000),
  helpful: z.boolean({ required_error: 'required', invalid_type_error: 'expected true or false' }),
  comment: z.string({ invalid_type_error: 'expected a string' }).trim().max(1000).optional(),
}).strict();
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

export interface AnswerFeedback {
  /** Stores a vote; returns its id. */
  record(vote: FeedbackRequest): Promise<{ id: number }>;
}

/**
 * `onVote` hears every vote once it is stored (knowledge upkeep files a 没用 under the review queue).
 * @example await createAnswerFeedback(createFeedbackRepository(sql), log).record({ question: '…', helpful: false })
 */
export function createAnswerFeedback(repo: FeedbackRepository, log: Logger, now: () => number = Date.now, onVote?: (vote: FeedbackRequest) => Promise<void>): AnswerFeedback {
  return {
    async record(vote) {
      const at = now();
      const id = await repo.insert({
        conversationId: vote.conversationId ?? null, question: vote.question, helpful: vote.helpful,
        comment: vote.comment || null, createdAt: at, day: chinaDay(at),
      });
      log.info('answer feedback', { id, helpful: vote.helpful, question: maskPersonalData(vote.question) });
      await onVote?.(vote);
      return { id };
    },
  };
}
