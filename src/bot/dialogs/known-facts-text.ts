/**
 * @module bot/dialogs/known-facts-text
 * Tells the citizen which facts were taken from what they already said, so they can see why a question
 * is skipped (and correct it by cancelling and starting again).
 */
import { GROUP_CHOICES, MATTER_CHOICES } from './eligibility-questions.js';
import type { EligibilityFacts } from './eligibility-facts.js';

/** "已了解：…" listing known facts, or '' when nothing is known yet. */
export function knownFactsText(facts: EligibilityFacts): string {
  const parts: string[] = [];
  const matter = MATTER_CHOICES.find(([m]) => m === facts.matter)?.[1];
  if (matter) parts.push(`事项：${matter}`);
  if (facts.county) parts.push(`所在地：${facts.county}`);
  if (facts.householdSize !== undefined) parts.push(`家庭人口：${facts.householdSize}人`);
  if (facts.monthlyIncome !== undefined) parts.push(`${facts.incomePer === 'person' ? '人均' : ''}月收入：${facts.monthlyIncome}元`);
  const groups = (facts.groups ?? []).map((g) => GROUP_CHOICES.find(([c]) => c === g)?.[1]).filter(Boolean);
  if (groups.length) parts.push(`情形：${groups.join('、')}`);
  if (facts.age !== undefined) parts.push(`年龄：${facts.age}岁`);
  return parts.length ? `根据您说的，已了解：${parts.join('；')}。` : '';
}
