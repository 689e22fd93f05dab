/**
 * @module stats/overview-csv
 * The overview as CSV, one view (a section of the dashboard) or all of them, for the bureau's spreadsheets: three
 * columns (group, item, value), items by their Chinese label (the same labels GET /api/v1/meta serves), a BOM so
 * Excel reads the UTF-8 as such.
 */
import { stringify } from 'csv-stringify/sync';
import type { StatsOverview } from './overview.js';

/** The sections of the dashboard, each exportable on its own. */
export const OVERVIEW_VIEWS = ['consultations', 'answered', 'handoff', 'satisfaction', 'legalAid', 'caseLibrary', 'emergencies', 'upkeep'] as const;
export type OverviewView = (typeof OVERVIEW_VIEWS)[number];

/** Code → Chinese label tables the CSV names its items by (codes without a label stay as they are). */
export interface OverviewLabels {
  channel: Record<string, string>; intent: Record<string, string>; outcome: Record<string, string>;
  preapplicationStatus: Record<string, string>; matter: Record<string, string>; decision: Record<string, string>;
  emergencyFollowUp: Record<string, string>;
}

type Row = [string, string, string | number | null];
const OUTCOME_KEYS = { bot: 'bot', clarified: 'clarified', handedOff: 'handed_off', unanswered: 'unanswered' } as const;
const label = (table: Record<string, string>, code: string) => (code === 'unknown' ? '未知' : table[code] ?? code);
const counts = (group: string, record: Record<string, number>, table: Record<string, string> = {}): Row[] =>
  Object.entries(record).map(([code, n]) => [group, label(table, code), n]);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const days = (ms: number | null) => (ms === null ? null : Math.round(ms / 8_640_000) / 10);

function rows(o: StatsOverview, view: OverviewView, l: OverviewLabels): Row[] {
  switch (view) {
    case 'consultations': return [
      ['咨询量', '合计（会话）', o.consultations.total],
      ...counts('按渠道', o.consultations.byChannel, l.channel),
      ...counts('按法律领域', o.consultations.byTopic),
      ...counts('按服务类型', o.consultations.byIntent, l.intent),
      ...counts('按县（市、区）', o.consultations.byCounty),
      ...o.consultations.byDay.map((d): Row => ['按日', d.date, d.count]),
    ];
    case 'answered': return Object.entries(OUTCOME_KEYS).map(([key, code]): Row => ['解答方式（问题数）', label(l.outcome, code), o.answered[key as keyof typeof OUTCOME_KEYS]]);
    case 'handoff': return [
      ['线上三十秒', '转人工请求', o.handoff.requests],
      ['线上三十秒', '30秒内接入占比', o.handoff.acceptedWithin30sShare],
      ['线上三十秒', '已接入', o.handoff.accepted],
      ['线上三十秒', '等待中位数（秒）', seconds(o.handoff.waitMedianMs)],
      ['线上三十秒', '等待P90（秒）', seconds(o.handoff.waitP90Ms)],
      ['线上三十秒', '放弃（取消或超时）', o.handoff.abandoned],
      ['回电', '回电请求', o.handoff.callbacks.requested],
      ['回电', '已处理', o.handoff.callbacks.closed],
      ['回电', '一个工作日内处理', o.handoff.callbacks.closedWithinOneWorkingDay],
      ['回电', '一个工作日内处理占比', o.handoff.callbacks.closedWithinOneWorkingDayShare],
    ];
    case 'satisfaction': return [
      ['满意度', '评价数', o.satisfaction.ratings],
      ['满意度', '平均分', o.satisfaction.average],
      ['满意度', '4分及以上占比', o.satisfaction.shareAtLeast4],
      ['答复反馈', '有用', o.satisfaction.helpful],
      ['答复反馈', '没用', o.satisfaction.notHelpful],
      ...o.satisfaction.recentComments.map((c): Row => ['近期留言', `${c.at} ${c.score !== null ? `${c.score}分` : c.helpful ? '有用' : '没用'}`, c.comment]),
    ];
    case 'legalAid': return [
      ['法律援助自查', '合计', o.legalAid.checks],
      ...counts('自查结论', o.legalAid.byDecision, l.decision),
      ['预申请', '合计', o.legalAid.preapplications],
      ...counts('预申请状态', o.legalAid.byStatus, l.preapplicationStatus),
      ...counts('预申请事项', o.legalAid.byMatter, l.matter),
      ['审核用时', '已作出决定', o.legalAid.decided],
      ['审核用时', '中位数（天）', days(o.legalAid.decisionMedianMs)],
      ['审核用时', 'P90（天）', days(o.legalAid.decisionP90Ms)],
    ];
    case 'caseLibrary': return [
      ...Object.entries(o.caseLibrary.byYear).map(([year, n]): Row => ['典型案例（年度）', year, n]),
      ['典型案例（年度）', '年度目标', o.caseLibrary.target],
    ];
    case 'emergencies': return [
      ['紧急情况', '识别为紧急', o.emergencies.flagged],
      ['紧急情况', '转值班律师', o.emergencies.handedOff],
      ['紧急情况', '30秒内接入', o.emergencies.acceptedWithin30s],
      ...(['accepted', 'waiting', 'callback', 'abandoned', 'safetyAdviceOnly'] as const).map((k): Row => ['后续处理', label(l.emergencyFollowUp, k), o.emergencies[k]]),
    ];
    case 'upkeep': return Object.entries(o.upkeep).map(([k, v]): Row => ['知识维护', k, typeof v === 'number' || v === null ? v : JSON.stringify(v)]);
  }
}

/**
 * @param view one section, or every section one after another
 * @example overviewCsv(overview, 'handoff', labels) // '\uFEFF分组,项目,数值\r\n线上三十秒,转人工请求,12\r\n…'
 */
export function overviewCsv(o: StatsOverview, view: OverviewView | 'all', labels: OverviewLabels): string {
  const all = view === 'all' ? OVERVIEW_VIEWS.flatMap((v) => rows(o, v, labels)) : rows(o, view, labels);
  return `\uFEFF${stringify(all, { header: true, columns: ['分组', '项目', '数值'], record_delimiter: 'windows' })}`;
}
