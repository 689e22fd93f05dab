/**
 * @module stats/overview-labels-zh
 * The Chinese the bureau reads for the overview's codes: who answered a question, a pre-application's status (short,
 * as a table heading; the citizen's wording is preapplication/status.ts), and what followed an emergency. Typed by
 * the code lists, so a new code does not compile without its label; the dashboard gets them from GET /api/v1/meta.
 */
import type { Status } from '../preapplication/status.js';
import type { ConsultationOutcome } from './service-log.js';

export const OUTCOME_LABELS: Record<ConsultationOutcome, string> = {
  bot: '机器人直接解答', clarified: '追问澄清后解答', handed_off: '转值班律师', unanswered: '未能解答',
};

export const PREAPPLICATION_STATUS_LABELS: Record<Status, string> = {
  submitted: '已提交', under_review: '审核中', accepted: '审核通过', rejected: '未通过', withdrawn: '已撤回',
};

/** The keys of the overview's `emergencies` that say what followed a flagged question. */
export const EMERGENCY_FOLLOW_UP_LABELS = {
  accepted: '值班律师已接入', waiting: '仍在排队', callback: '已留回电请求', abandoned: '群众离开（取消或超时）',
  safetyAdviceOnly: '仅给出安全提示（该渠道无人工转接）',
} as const;
