/**
 * @module calculators/deadline
 * The last day of a period from a date the citizen gives: the start day is not counted (民法典 Art. 201 ¶1,
 * 民事诉讼法 Art. 85 ¶2); months and years end on the corresponding day, or the month's last day when there is none
 * (民法典 Art. 202); a last day on a statutory holiday or rest day moves to the next working day (民法典 Art. 203
 * ¶1, 民事诉讼法 Art. 85 ¶3), read from the holiday calendar. A year with no calendar is not guessed: only its
 * weekends count, and the result says so.
 */
import { Working, type CalculationResult } from './calculation-result.js';
import { MATTER_RULES, periodText, type DeadlineMatter, type MatterRule } from './deadline-matters.js';
import type { HolidayCalendar } from './holiday-calendar.js';
import { addDays, addMonths, chineseDate, daysBetween, yearOf, type PlainDate } from './plain-date.js';

export interface DeadlineInput { matter: DeadlineMatter; from: PlainDate; party?: 'worker' | 'employer' }

/** The employer's 30 days of 工伤保险条例 Art. 17 ¶1 replace the worker's year when the employer asks. */
function ruleFor(input: DeadlineInput): MatterRule {
  const rule = MATTER_RULES[input.matter];
  if (input.matter !== 'work_injury_application' || input.party !== 'employer') return rule;
  return { ...rule, label: '用人单位申请工伤认定的期限', period: { amount: 30, unit: 'day' }, basis: [{ law: '工伤保险条例', article: 17, paragraph: 1 }] };
}

/** "2025年10月5日至2025年10月8日是法定节假日（国庆节）" — consecutive days of one kind as one span. */
function restDaysText(days: Array<{ date: PlainDate; holiday?: string }>): string {
  const spans: Array<{ first: PlainDate; last: PlainDate; holiday?: string }> = [];
  for (const d of days) {
    const open = spans[spans.length - 1];
    if (open && open.holiday === d.holiday) open.last = d.date;
    else spans.push({ first: d.date, last: d.date, holiday: d.holiday });
  }
  return spans.map((s) => {
    const when = s.first === s.last ? chineseDate(s.first, true) : `${chineseDate(s.first, true)}至${chineseDate(s.last, true)}`;
    return s.holiday ? `${when}是法定节假日（${s.holiday}）` : `${when}是休息日`;
  }).join('，');
}

export function deadline(input: DeadlineInput, calendar: HolidayCalendar, today: PlainDate): CalculationResult<'deadline'> {
  const rule = ruleFor(input);
  const w = new Working();
  for (const b of rule.basis) w.cite(b.law, b.article, b.paragraph);
  const { amount, unit } = rule.period;
  const nominal = unit === 'day' ? addDays(input.from, amount) : addMonths(input.from, unit === 'year' ? amount * 12 : amount);

  w.step(`${rule.label}为${periodText(rule.period)}，从${rule.from}起算：${chineseDate(input.from)}。`);
  if (rule.counting === 'civil') w.cite('民法典', 201, 1).cite('民法典', 204);
  else w.cite('民事诉讼法', 85, 2);
  if (unit === 'day') {
    w.step(`开始的当日不计入，从${chineseDate(addDays(input.from, 1))}起算，第${amount}日是${chineseDate(nominal, true)}。`);
  } else {
    w.cite('民法典', 202);
    const corresponding = Number(input.from.slice(8)) === Number(nominal.slice(8));
    w.step(`开始的当日不计入；按${unit === 'year' ? '年' : '月'}计算的，到期月的对应日为最后一日${corresponding ? '' : '（该月没有对应日，以月末日为最后一日）'}：${chineseDate(nominal, true)}。`);
  }

  // Move off rest days, noting every calendar year that was needed and how sure it is.
  let last = nominal;
  const moved: Array<{ date: PlainDate; holiday?: string }> = [];
  const yearsSeen = new Set<number>();
  for (;;) {
    yearsSeen.add(yearOf(last));
    const day = calendar.day(last);
    if (!day.rest) {
      if (day.adjustedWorkday) w.step(`${chineseDate(last, true)}是调休上班日，属于工作日。`);
      break;
    }
    moved.push({ date: last, holiday: day.holiday });
    last = addDays(last, 1);
  }
  if (moved.length) {
    if (rule.counting === 'civil') w.cite('民法典', 203, 1);
    else w.cite('民事诉讼法', 85, 3);
    w.step(`${restDaysText(moved)}，期限顺延到其后的第一个工作日：${chineseDate(last, true)}。`);
    w.assume('“法定休假日”按法定节假日和周六、周日休息日理解（国务院通知安排的调休上班日属于工作日）。');
  } else {
    w.step(`${chineseDate(last, true)}是工作日，不顺延。`);
  }
  for (const year of [...yearsSeen].sort()) {
    const data = calendar.years.get(year);
    if (!data) {
      w.assume(`没有${year}年的节假日安排数据，只按周六、周日判断休息日；请向受理的法院、仲裁委或拨打12348确认最后一日。`);
      w.lack(`${year}年的节假日安排（国务院办公厅通知）`);
    } else if (!data.confirmed) {
      w.assume(`${year}年的节假日安排（${data.notice}）未经核对原文，请向受理机关或拨打12348确认。`);
    }
  }
  w.assume(rule.counting === 'civil'
    ? '期间最后一日的截止时间为二十四时；有业务时间的，到停止业务活动的时间为止（民法典第二百零三条第二款）。'
    : '诉讼文书在期满前交邮的，不算过期（民事诉讼法第八十五条第四款）；到法院或机关当面递交的，请在其办公时间内递交。');

  for (const b of rule.extensionBasis) w.cite(b.law, b.article, b.paragraph);
  for (const e of rule.extensions) w.step(`可能延长期限的情形：${e}`);

  const daysLeft = daysBetween(today, last);
  w.step(daysLeft >= 0
    ? `今天是${chineseDate(today)}，到最后一日还有${daysLeft}天${daysLeft <= 7 ? '，时间很紧，请尽快办理' : ''}。`
    : `今天是${chineseDate(today)}，按上面的计算期限已经届满${-daysLeft}天；如有中止、中断或顺延的情形，仍可能在期限内，请尽快咨询12348。`);
  return w.done('deadline', { lastDay: last, nominalLastDay: nominal, shifted: last !== nominal, daysLeft, expired: daysLeft < 0, period: periodText(rule.period) });
}
