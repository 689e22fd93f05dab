/**
 * @module understanding/entities
 * The entity extractor: money, durations, dates, ages, household sizes, monthly incomes, Qingyuan counties,
 * relationships and citizen groups, found in text that has already passed through text/normalise.
 *
 * Overlaps: entities come in two layers, resolved separately by "longest span wins" (ties by type priority):
 * the numeric layer (monthly_income > household_size > age > date > duration > money) and the lookup layer
 * (county, relationship, group words). Across layers overlaps are kept on purpose: 和老伴两个人 is a
 * household_size and contains the relationship 老伴. Groups implied by an age share the age's span.
 */
import { extractAges } from './entities/age.js';
import { extractDates } from './entities/date.js';
import { extractDurations } from './entities/duration.js';
import { finishGroups } from './entities/groups.js';
import { extractHouseholdSizes } from './entities/household-size.js';
import { loadEntityLookups, matchLookups, type EntityLookups } from './entities/lookups.js';
import { extractMoney } from './entities/money.js';
import { extractMonthlyIncomes } from './entities/monthly-income.js';
import { makeEntity, type Entity, type EntityType } from './entities/types.js';

export type * from './entities/types.js';
export { GROUP_CODES } from './entities/types.js';
export { loadEntityLookups, type EntityLookups } from './entities/lookups.js';
export { parseNumber, type ParsedNumber } from '../text/chinese-numerals.js';

const PRIORITY: Record<EntityType, number> = {
  monthly_income: 9, household_size: 8, age: 7, date: 6, duration: 5, money: 4,
  county: 3, group: 2, relationship: 1,
};

/** Keeps the longest non-overlapping entities; ties go to the higher-priority type, then the earlier one. */
function resolveOverlaps(candidates: Entity[]): Entity[] {
  const ranked = [...candidates].sort((a, b) =>
    (b.end - b.start) - (a.end - a.start) || PRIORITY[b.type] - PRIORITY[a.type] || a.start - b.start);
  const kept: Entity[] = [];
  for (const c of ranked) {
    if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
  }
  return kept;
}

function lookupEntities(text: string, lookups: EntityLookups): Entity[] {
  return matchLookups(text, lookups).map(({ start, end, hit }) => {
    switch (hit.type) {
      case 'county':
        return makeEntity('county', text, start, end, { ...hit.value }, 'lookup.county');
      case 'relationship':
        return makeEntity('relationship', text, start, end, { canonical: hit.canonical, text: text.slice(start, end) }, 'lookup.relationship');
      case 'group':
        return makeEntity('group', text, start, end, { code: hit.code, subject: 'unknown' }, 'lookup.group');
    }
  });
}

/**
 * Extracts entities from normalised text (see text/normalise); offsets index into that same string.
 * Uses the default lookup lists (loaded once and cached) when `lookups` is not given.
 * @returns entities sorted by start (then longer first).
 * @example extractEntities('我在英德，月收入3000') // county 英德市, monthly_income {yuan: 3000, per: 'unknown'}
 */
export function extractEntities(normalisedText: string, lookups: EntityLookups = loadEntityLookups()): Entity[] {
  const text = normalisedText;
  if (!text) return [];
  const numeric = resolveOverlaps([
    ...extractMonthlyIncomes(text),
    ...extractHouseholdSizes(text),
    ...extractAges(text),
    ...extractDates(text),
    ...extractDurations(text),
    ...extractMoney(text),
  ]);
  const words = resolveOverlaps(lookupEntities(text, lookups));
  const nonGroups = [...numeric, ...words.filter((e) => e.type !== 'group')];
  const groups = finishGroups(text, [...numeric, ...words]);
  return [...nonGroups, ...groups].sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
}
