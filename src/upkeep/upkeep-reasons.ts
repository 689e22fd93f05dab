/**
 * @module upkeep/upkeep-reasons
 * Why a question goes to the knowledge-upkeep review queue, with the labels the workspace shows (served by
 * `GET /api/v1/meta`, so the page never spells them itself), and the one test of an answer the bot was not sure of.
 */

export const UPKEEP_REASONS = ['unanswered', 'not_helpful', 'handed_off', 'eligibility_unfinished'] as const;
export type UpkeepReason = (typeof UPKEEP_REASONS)[number];

export const UPKEEP_REASON_LABELS: Record<UpkeepReason, string> = {
  unanswered: '没有把握的回答',
  not_helpful: '群众反馈“没用”',
  handed_off: '转了人工',
  eligibility_unfinished: '援助自查未能判断',
};

/**
 * An answer below this confidence had neither a bank entry that leads (those are at least 0.6 sure) nor an article
 * the learned model thinks more likely than not to bear on the question: a gap in the knowledge, for staff to fill.
 */
export const CONFIDENT_ANSWER = 0.5;

/** Service intents whose answers are not knowledge (small talk, a request for a person, a progress query). */
const NOT_KNOWLEDGE = new Set(['greeting', 'thanks', 'human', 'progress']);

/** True when an answer should go to the review queue as `unanswered`. */
export function unsureAnswer(result: { confidence: number; intent: string }): boolean {
  return !NOT_KNOWLEDGE.has(result.intent) && result.confidence < CONFIDENT_ANSWER;
}

/**
 * True when the bot could not finish an eligibility check: it ended at needs_review because the matter fits no
 * legal-aid category or facts were missing — not merely because the hardship standard is unset (a figure staff set
 * on the hardship page, not a gap in the knowledge).
 */
export function unfinishedCheck(result: { decision: string; codes: string[] }): boolean {
  if (result.decision !== 'needs_review') return false;
  return result.codes.includes('scope.other_civil') || !result.codes.includes('means.standard_unset');
}
