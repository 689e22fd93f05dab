/**
 * @module understanding/entities/types
 * The entity shapes returned by the extractor; one value shape per entity type.
 */
import { CITIZEN_GROUPS, type CitizenGroup } from '../../vocabulary.js';

/** All entity types the extractor emits. */
export type EntityType =
  | 'money'
  | 'duration'
  | 'date'
  | 'age'
  | 'household_size'
  | 'monthly_income'
  | 'county'
  | 'relationship'
  | 'group';

/** Citizen group codes: the shared vocabulary's list, which the eligibility input uses too. */
export const GROUP_CODES = CITIZEN_GROUPS;
/** One citizen group code. */
export type GroupCode = CitizenGroup;

/**
 * Money in yuan. `approximate` marks 十几万 / 两千多 / 几千: then `yuan` is the lower bound
 * (几 counts as 1, 多 adds nothing: 十几万 → 110000, 两千多 → 2000).
 */
export interface MoneyValue { yuan: number; approximate?: true }

/** Duration units the extractor recognises. */
export type DurationUnit = 'hour' | 'day' | 'week' | 'month' | 'year';
/**
 * A span of time. `days` uses 1 week = 7, 1 month = 30, 1 year = 365, 1 hour = 1/24 days.
 * `approximate` marks 两年多 / 三个多月 / 十来天 (amount is then the lower bound).
 */
export interface DurationValue { amount: number; unit: DurationUnit; days: number; approximate?: true }

/** Relative anchors for dates; resolved by the caller, so extraction never reads the clock. */
export type RelativeDate =
  | 'this_year' | 'last_year' | 'year_before_last' | 'next_year'
  | 'this_month' | 'last_month' | 'next_month'
  | 'this_week' | 'last_week' | 'next_week'
  | 'today' | 'yesterday' | 'day_before_yesterday' | 'tomorrow' | 'day_after_tomorrow';
/** A calendar date, possibly partial (2023年 → {year}) or relative (去年3月 → {relative:'last_year', month:3}). */
export interface DateValue { year?: number; month?: number; day?: number; relative?: RelativeDate }

/**
 * An age in years. `bound: 'below'` for 未满/不到/以下 (未满十八周岁 → 18 below); `'at_least'` for 满/以上/超过.
 * `approximate` for 七十多岁 (years is then the lower bound).
 */
export interface AgeValue { years: number; bound?: 'below' | 'at_least'; approximate?: true }

/** Number of people in the household, speaker included (和老伴两个人 → 2). */
export interface HouseholdSizeValue { persons: number }

/**
 * Monthly income. `per`: 'household' for 家庭/家里/全家, 'person' for 人均/每人/个人, otherwise 'unknown'.
 * `bound: 'below'` for 不到/不超过; `approximate` for 多/左右/大概 (yuan is then the stated figure).
 * Policy: the amount inside a monthly_income span is NOT also emitted as a separate money entity.
 */
export interface MonthlyIncomeValue {
  yuan: number;
  per: 'household' | 'person' | 'unknown';
  bound?: 'below';
  approximate?: true;
}

/** A Qingyuan county-level unit by its full name; `place` is the town/street when that is what was written. */
export interface CountyValue { name: string; place?: string }

/** A family or social relation; `canonical` from relationships.yaml (配偶, 子女, 雇主 …), `text` as written. */
export interface RelationshipValue { canonical: string; text: string }

/**
 * A citizen group. `subject` says whose group it is, from the nearest person word before it in the same
 * clause: a relationship word or 他/她 → 'other', 我/本人/俺 → 'speaker', none → 'unknown'.
 */
export interface GroupValue { code: GroupCode; subject: 'speaker' | 'other' | 'unknown' }

/** Value shape per entity type. */
export interface EntityValueMap {
  money: MoneyValue;
  duration: DurationValue;
  date: DateValue;
  age: AgeValue;
  household_size: HouseholdSizeValue;
  monthly_income: MonthlyIncomeValue;
  county: CountyValue;
  relationship: RelationshipValue;
  group: GroupValue;
}

/** Any entity value. */
export type EntityValue = EntityValueMap[EntityType];

/** Fields every entity has; offsets are UTF-16 indexes into the normalised text (end exclusive). */
export interface EntityBase {
  text: string;
  start: number;
  end: number;
  /** Which rule produced it, e.g. 'money.unit', 'lookup.county', 'age.group'. */
  extractor: string;
}

/** An extracted entity; narrow on `type` to get the matching `value` shape. */
export type Entity = { [K in EntityType]: EntityBase & { type: K; value: EntityValueMap[K] } }[EntityType];

/** Builds an entity from a regex match position. */
export function makeEntity<K extends EntityType>(
  type: K, text: string, start: number, end: number, value: EntityValueMap[K], extractor: string,
): Entity {
  return { type, text: text.slice(start, end), start, end, value, extractor } as Entity;
}
