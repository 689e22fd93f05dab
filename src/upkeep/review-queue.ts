/**
 * @module upkeep/review-queue
 * The knowledge-upkeep review queue: questions the bot could not answer well (an unsure answer, a 没用 vote, a
 * hand-off, an eligibility check it could not finish) land here masked, near-identical ones clustered together —
 * character-bigram Dice (natural's DiceCoefficient) against the open clusters — so staff see each gap once, with
 * a count, its reasons and a few examples. Recording never fails the citizen's turn: a failed write is logged.
 */
import DiceCoefficient from 'natural/lib/natural/distance/dice_coefficient.js';
import { phrasingKey } from '../knowledge/qa-bank.js';
import type { Logger } from '../logging/logger.js';
import { maskPersonalData } from '../logging/mask.js';
import type { OpenItem, UpkeepRepository } from '../storage/repositories/upkeep-repository.js';
import type { UpkeepReason } from './upkeep-reasons.js';

/**
 * Questions at least this alike (Dice over character bigrams, punctuation and spaces ignored) are one cluster:
 * the same question with a word changed or added, not merely the same topic.
 */
export const CLUSTER_MIN = 0.75;
/** Shorter than this (after masking and dropping punctuation) a message is no question worth reviewing. */
const MIN_CHARS = 4;
/** Examples shown per cluster. */
export const EXAMPLES_SHOWN = 3;
/** Clusters the queue shows at most (most signals first). */
export const QUEUE_SHOWN = 200;

export interface Signal {
  reason: UpkeepReason;
  /** The citizen's question as asked: it is masked before it is stored. */
  question: string;
  channelId?: string | null;
  conversationId?: string | null;
}

/** A cluster as `GET /api/v1/upkeep/queue` shows it. */
export interface QueueItem {
  id: number; question: string; count: number; reasons: UpkeepReason[];
  /** Signals per reason. */
  reasonCounts: Partial<Record<UpkeepReason, number>>;
  examples: string[]; firstAt: string; lastAt: string;
}

export interface ReviewQueue {
  /** Files a question under its cluster (a new one when none is alike). Never throws. */
  signal(s: Signal): Promise<void>;
  /** Open clusters, most signals first. */
  list(): Promise<QueueItem[]>;
}

/** The open cluster most like `question`, if one reaches CLUSTER_MIN. */
export function closestCluster(question: string, open: OpenItem[]): number | null {
  const key = phrasingKey(question);
  let best: number | null = null;
  let bestScore = CLUSTER_MIN;
  for (const item of open) {
    const score = DiceCoefficient(key, phrasingKey(item.question));
    if (score >= bestScore) [best, bestScore] = [item.id, score];
  }
  return best;
}

/** @example const queue = createReviewQueue(createUpkeepRepository(sql), log); await queue.signal({ reason: 'not_helpful', question }); */
export function createReviewQueue(repo: UpkeepRepository, log: Logger, now: () => number = Date.now): ReviewQueue {
  return {
    async signal(s) {
      const question = maskPersonalData(s.question.trim()).slice(0, 500);
      if ([...phrasingKey(question)].length < MIN_CHARS) return;
      try {
        const { itemId, created } = await repo.addSignal(
          { reason: s.reason, question, channelId: s.channelId ?? null, conversationId: s.conversationId ?? null, at: now() },
          (open) => closestCluster(question, open));
        log.info('upkeep signal', { reason: s.reason, item: itemId, created });
      } catch (error) {
        log.warn('upkeep signal not recorded', { error, reason: s.reason });
      }
    },
    async list() {
      const rows = await repo.queue({ limit: QUEUE_SHOWN, examples: EXAMPLES_SHOWN });
      return rows.map((r) => ({
        id: r.id, question: r.question, count: r.count,
        reasons: Object.keys(r.reasons) as UpkeepReason[],
        reasonCounts: r.reasons as QueueItem['reasonCounts'],
        examples: r.examples, firstAt: new Date(r.createdAt).toISOString(), lastAt: new Date(r.updatedAt).toISOString(),
      }));
    },
  };
}
