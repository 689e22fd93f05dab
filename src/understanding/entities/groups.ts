/**
 * @module understanding/entities/groups
 * Citizen-group entities: from group words (低保户, 残疾人 …) and from ages (under 18 → minor per
 * 未成年人保护法 第二条; 60 or over → elderly per 老年人权益保障法 第二条), each with whose group it is.
 */
import type { Entity, GroupCode, GroupValue } from './types.js';

const CLAUSE_END = /[，。！？；：,.!?;:\n]/;
const SPEAKER = /我|本人|俺/g;
const OTHER_PRONOUN = /他|她/g;

/**
 * Whose group: the nearest person word before `start` in the same clause decides. A relationship entity
 * or 他/她 → 'other' (我儿子是残疾人), 我/本人/俺 → 'speaker' (我是低保户), nothing → 'unknown'.
 */
export function groupSubject(text: string, start: number, relationships: readonly Entity[]): GroupValue['subject'] {
  let clauseStart = start;
  while (clauseStart > 0 && !CLAUSE_END.test(text[clauseStart - 1] ?? '')) clauseStart--;
  const clause = text.slice(clauseStart, start);
  let best = -1;
  let subject: GroupValue['subject'] = 'unknown';
  for (const m of clause.matchAll(SPEAKER)) if (m.index >= best) { best = m.index; subject = 'speaker'; }
  for (const m of clause.matchAll(OTHER_PRONOUN)) if (m.index > best) { best = m.index; subject = 'other'; }
  for (const r of relationships) {
    const at = r.start - clauseStart;
    if (r.end <= start && at >= 0 && at >= best) { best = at; subject = 'other'; }
  }
  return subject;
}

/**
 * For abuse words without 被 (家暴, 虐待, 遗弃) the victim is the object: 老公家暴我 → 'speaker',
 * 虐待他 / 虐待老人 → 'other'; with no object, 'unknown'.
 */
function objectSubject(text: string, end: number, relationships: readonly Entity[]): GroupValue['subject'] {
  const at = text.startsWith('了', end) ? end + 1 : end;
  const next = text[at] ?? '';
  if (/[我俺]/.test(next)) return 'speaker';
  if (/[他她]/.test(next) || relationships.some((r) => r.start === at)) return 'other';
  return 'unknown';
}

/** The group an age implies, if any. */
export function groupForAge(years: number, bound?: 'below' | 'at_least'): GroupCode | null {
  if (bound === 'below' ? years <= 18 : years < 18) return 'minor';
  if (bound !== 'below' && years >= 60) return 'elderly';
  return null;
}

/**
 * Adds the groups implied by age entities and sets `subject` on every group; drops a group that repeats
 * the same code over an overlapping span (未满18岁 matched both as a word and as an age).
 */
export function finishGroups(text: string, entities: readonly Entity[]): Entity[] {
  const relationships = entities.filter((e) => e.type === 'relationship');
  const groups: Array<Extract<Entity, { type: 'group' }>> = [];
  for (const e of entities) {
    if (e.type === 'group') {
      const byObject = e.value.code === 'abuse_victim' && !e.text.startsWith('被');
      const subject = byObject ? objectSubject(text, e.end, relationships) : groupSubject(text, e.start, relationships);
      groups.push({ ...e, value: { code: e.value.code, subject } });
    } else if (e.type === 'age') {
      const code = groupForAge(e.value.years, e.value.bound);
      if (!code) continue;
      const subject = groupSubject(text, e.start, relationships);
      groups.push({ type: 'group', text: e.text, start: e.start, end: e.end, value: { code, subject }, extractor: 'age.group' });
    }
  }
  return groups.filter((g, i) =>
    !groups.some((o, j) => j !== i && o.value.code === g.value.code && o.start < g.end && g.start < o.end &&
      (o.end - o.start > g.end - g.start || (o.end - o.start === g.end - g.start && j < i))));
}
