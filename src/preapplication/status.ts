/**
 * @module preapplication/status
 * The life of a pre-application: submitted → under_review → accepted | rejected | withdrawn. A citizen may also
 * withdraw before review starts. Final states never change again.
 */

export const STATUSES = ['submitted', 'under_review', 'accepted', 'rejected', 'withdrawn'] as const;
/** One pre-application status. */
export type Status = (typeof STATUSES)[number];

const NEXT: Record<Status, readonly Status[]> = {
  submitted: ['under_review', 'withdrawn'],
  under_review: ['accepted', 'rejected', 'withdrawn'],
  accepted: [],
  rejected: [],
  withdrawn: [],
};

/** True when a pre-application may move from `from` to `to`. */
export function canTransition(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

/** The statuses reachable from `from` (empty for final states). */
export function nextStatuses(from: Status): readonly Status[] {
  return NEXT[from];
}

/** How each status reads to a citizen. */
export const STATUS_ZH: Record<Status, string> = {
  submitted: '已提交，等待工作人员审核',
  under_review: '工作人员正在审核',
  accepted: '审核通过，已转入法律援助申请办理',
  rejected: '未通过预审',
  withdrawn: '已撤回',
};
