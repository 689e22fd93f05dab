/**
 * @module server/routes/staff-labels
 * The Chinese labels of every code the staff pages show, gathered from their one definition each: GET /api/v1/meta
 * serves them to the pages and the overview's CSV export names its items by them.
 */
import { MATTER_CHOICES } from '../../bot/dialogs/eligibility-questions.js';
import { DECISION_LABELS, MEANS_TEST_LABELS } from '../../eligibility/messages-zh.js';
import { CHANNEL_LABELS, LANGUAGE_LABELS, PRIORITY_LABELS } from '../../handoff/console-labels-zh.js';
import { UPKEEP_REASON_LABELS } from '../../upkeep/upkeep-reasons.js';
import { EDIT_KIND_LABELS } from '../../upkeep/edit-docs.js';
import { EMERGENCY_FOLLOW_UP_LABELS, OUTCOME_LABELS, PREAPPLICATION_STATUS_LABELS } from '../../stats/overview-labels-zh.js';

/** @example staffLabels().decision.eligible // '符合条件' */
export function staffLabels() {
  return {
    priority: PRIORITY_LABELS, decision: DECISION_LABELS, meansTest: MEANS_TEST_LABELS, language: LANGUAGE_LABELS, channel: CHANNEL_LABELS,
    outcome: OUTCOME_LABELS, preapplicationStatus: PREAPPLICATION_STATUS_LABELS, matter: Object.fromEntries(MATTER_CHOICES) as Record<string, string>,
    emergencyFollowUp: EMERGENCY_FOLLOW_UP_LABELS, upkeepReason: UPKEEP_REASON_LABELS, upkeepEdit: EDIT_KIND_LABELS,
  };
}
