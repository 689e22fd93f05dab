// @ts-check
/**
 * @module public/admin/dashboard
 * The service-quality dashboard (/admin, workspace page 'overview'), for admins and supervisors: for a period and a
 * county it shows GET /api/v1/stats/overview as charts with table alternatives, section by section (consultations,
 * who answered, 线上三十秒, satisfaction, legal aid, case library, emergencies, knowledge upkeep). Each section exports
 * its CSV (GET /api/v1/stats/overview.csv?view=…); 打印月报 prints the chosen month with the print stylesheet.
 * Aggregates only: a citizen's words are read by opening a transcript, which only admins may do and the server audits.
 */
import { startWorkspace } from './workspace.js';
import { chartFigure, drawChart, el, table } from './dashboard-charts.js';

/**
 * @typedef {import('../staff/client.js').Meta & {
 *   counties: Array<{ id: string, name: string, short: string }>,
 *   labels: Record<'outcome' | 'preapplicationStatus' | 'matter' | 'emergencyFollowUp', Record<string, string>>
 * }} DashboardMeta
 */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** Today's date in China (the bureau's days), YYYY-MM-DD. */
const chinaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
/** @param {string} day @param {number} n */
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** First and last day of a month given as YYYY-MM. @param {string} month */
function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const pct = (/** @type {number | null} */ x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const secs = (/** @type {number | null} */ ms) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} 秒`);
const daysOf = (/** @type {number | null} */ ms) => (ms === null || ms === undefined ? '—' : `${(ms / 86_400_000).toFixed(1)} 天`);
const num = (/** @type {number | null | undefined} */ x) => (x === null || x === undefined ? '—' : String(x));

/**
 * Key figures as a description list.
 * @param {Array<[string, string]>} pairs
 */
function figures(pairs) {
  const dl = el('dl', { class: 'figures' });
  for (const [k, v] of pairs) {
    const item = el('div');
    item.append(el('dt', {}, k), el('dd', {}, v));
    dl.append(item);
  }
  return dl;
}

/** The sections, in the order shown; `view` is the CSV export's name for it. */
const SECTIONS = [
  { view: 'consultations', title: '咨询量' },
  { view: 'answered', title: '解答情况' },
  { view: 'handoff', title: '线上三十秒' },
  { view: 'satisfaction', title: '群众满意度' },
  { view: 'legalAid', title: '法律援助' },
  { view: 'caseLibrary', title: '典型案例库' },
  { view: 'emergencies', title: '紧急情况' },
  { view: 'upkeep', title: '知识维护' },
];

startWorkspace({
  page: 'overview',
  async onReady(ws) {
    const meta = /** @type {DashboardMeta} */ (ws.meta);
    const labelOf = (/** @type {Record<string, string>} */ t, /** @type {string} */ code) => (code === 'unknown' ? '未知' : t[code] ?? code);
    /** @param {Record<string, number>} record @param {Record<string, string>} [labels] */
    const points = (record, labels = {}) => Object.entries(record).map(([code, value]) => ({ label: labelOf(labels, code), value }));

    const county = /** @type {HTMLSelectElement} */ ($('county'));
    for (const c of meta.counties) county.append(new Option(c.name, c.id));
    const today = chinaToday();
    input('to').value = today;
    input('from').value = addDays(today, -29);
    input('month').value = addDays(today.slice(0, 8) + '01', -1).slice(0, 7);

    // Every section: a heading, a body the data fills, and its CSV button.
    /** @type {Record<string, HTMLElement>} */
    const bodies = {};
    const host = $('sections');
    for (const s of SECTIONS) {
      const section = el('section', { class: 'panel', id: `view-${s.view}`, 'aria-labelledby': `h-${s.view}` });
      const head = el('div', { class: 'section-head' });
      head.append(el('h2', { id: `h-${s.view}` }, s.title));
      const csv = el('button', { type: 'button', class: 'secondary no-print', 'data-view': s.view }, `导出“${s.title}”CSV`);
      csv.addEventListener('click', () => void download(s.view));
      head.append(csv);
      bodies[s.view] = el('div', { class: 'section-body' });
      section.append(head, bodies[s.view]);
      host.append(section);
    }

    const status = $('status');
    /** The current query string (from, to, county). */
    const query = () => {
      const q = new URLSearchParams({ from: input('from').value, to: input('to').value });
      if (county.value) q.set('county', county.value);
      return q;
    };

    /** @param {string} view */
    async function download(view) {
      const q = query();
      q.set('view', view);
      const res = await fetch(`/api/v1/stats/overview.csv?${q}`, { headers: { authorization: `Bearer ${ws.client.session.token}` } });
      if (!res.ok) { status.textContent = `导出失败（${res.status}）`; return; }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1] || `overview-${view}.csv`;
      const url = URL.createObjectURL(await res.blob());
      const a = el('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = `已导出 ${name}`;
    }

    /** @param {any} o the overview */
    function render(o) {
      const c = o.consultations;
      const b = bodies;
      b.consultations.replaceChildren(figures([['咨询会话', num(c.total)]]),
        chartFigure('chart-by-day', '每日咨询量趋势', { tall: true }), el('div', { class: 'grid' }));
      drawChart(/** @type {HTMLElement} */ (b.consultations.querySelector('figure')), {
        type: 'line', title: '每日咨询量', unit: '个会话', points: c.byDay.map((/** @type {any} */ d) => ({ label: d.date, value: d.count })) });
      const grid = /** @type {HTMLElement} */ (b.consultations.querySelector('.grid'));
      for (const [id, caption, record, labels, horizontal] of /** @type {Array<[string, string, Record<string, number>, Record<string, string>, boolean]>} */ ([
        ['chart-by-channel', '按渠道', c.byChannel, meta.labels.channel, false],
        ['chart-by-county', '按县（市、区）', c.byCounty, {}, true],
        ['chart-by-topic', '按法律领域', c.byTopic, {}, true],
        ['chart-by-intent', '按服务类型', c.byIntent ?? {}, meta.intents, true],
      ])) {
        const fig = chartFigure(id, caption);
        grid.append(fig);
        drawChart(fig, { type: 'bar', title: `咨询会话${caption}`, unit: '个会话', points: points(record, labels), horizontal });
      }

      const a = o.answered;
      b.answered.replaceChildren(chartFigure('chart-answered', '谁解答了问题（按问题计）'));
      drawChart(/** @type {HTMLElement} */ (b.answered.querySelector('figure')), { type: 'doughnut', title: '解答方式', unit: '个问题', points: [
        { label: meta.labels.outcome.bot, value: a.bot }, { label: meta.labels.outcome.clarified, value: a.clarified },
        { label: meta.labels.outcome.handed_off, value: a.handedOff }, { label: meta.labels.outcome.unanswered, value: a.unanswered }] });

      const h = o.handoff;
      const cb = h.callbacks ?? {};
      b.handoff.replaceChildren(figures([
        ['转人工请求', num(h.requests)], ['30秒内接入占比', pct(h.acceptedWithin30sShare)], ['等待中位数', secs(h.waitMedianMs)],
        ['等待P90', secs(h.waitP90Ms)], ['放弃（取消或超时）', num(h.abandoned)], ['回电请求', num(cb.requested)],
        ['一个工作日内回电', `${num(cb.closedWithinOneWorkingDay)}（${pct(cb.closedWithinOneWorkingDayShare)}）`],
      ]), chartFigure('chart-handoff', '转人工请求的去向'));
      drawChart(/** @type {HTMLElement} */ (b.handoff.querySelector('figure')), { type: 'bar', title: '转人工请求的去向', unit: '个请求', points: [
        { label: '已接入', value: h.accepted ?? 0 }, { label: '放弃', value: h.abandoned },
        { label: '回电请求', value: cb.requested ?? 0 }, { label: '一个工作日内回电', value: cb.closedWithinOneWorkingDay ?? 0 }] });
      b.handoff.append(el('p', { class: 'help' }, '一个工作日：请求后下一个工作日（周一至周五）的同一时刻之前；节假日未计入。'));

      const s = o.satisfaction;
      b.satisfaction.replaceChildren(figures([
        ['评价数', num(s.ratings)], ['平均分', s.average === null ? '—' : `${s.average} / 5`], ['4分及以上', pct(s.shareAtLeast4)],
        ['答复“有用”', num(s.helpful)], ['答复“没用”', num(s.notHelpful)],
      ]), chartFigure('chart-votes', '答复有用 / 没用'), comments(s.recentComments ?? []));
      drawChart(/** @type {HTMLElement} */ (b.satisfaction.querySelector('figure')), { type: 'bar', title: '答复反馈', unit: '票', points: [
        { label: '有用', value: s.helpful }, { label: '没用', value: s.notHelpful }] });

      const l = o.legalAid;
      b.legalAid.replaceChildren(figures([
        ['自查次数', num(l.checks)], ['预申请', num(l.preapplications)], ['已作出决定', num(l.decided)],
        ['决定用时中位数', daysOf(l.decisionMedianMs)], ['决定用时P90', daysOf(l.decisionP90Ms)],
      ]), el('div', { class: 'grid' }));
      const lg = /** @type {HTMLElement} */ (b.legalAid.querySelector('.grid'));
      for (const [id, caption, record, labels] of /** @type {Array<[string, string, Record<string, number>, Record<string, string>]>} */ ([
        ['chart-decision', '自查结论', l.byDecision ?? {}, meta.labels.decision],
        ['chart-status', '预申请状态', l.byStatus, meta.labels.preapplicationStatus],
        ['chart-matter', '预申请事项', l.byMatter ?? {}, meta.labels.matter],
      ])) {
        const fig = chartFigure(id, caption);
        lg.append(fig);
        drawChart(fig, { type: 'bar', title: caption, unit: '件', points: points(record, labels), horizontal: id === 'chart-matter' });
      }

      const k = o.caseLibrary;
      b.caseLibrary.replaceChildren(chartFigure('chart-cases', `每年典型案例（目标 ${k.target} 件）`));
      drawChart(/** @type {HTMLElement} */ (b.caseLibrary.querySelector('figure')), { type: 'bar', title: '每年入库典型案例', unit: '件',
        points: Object.entries(k.byYear).map(([year, n]) => ({ label: year, value: /** @type {number} */ (n) })),
        target: { label: '年度目标', value: k.target } });

      const e = o.emergencies ?? {};
      b.emergencies.replaceChildren(figures([
        ['识别为紧急', num(e.flagged)], ['转值班律师', num(e.handedOff)], ['30秒内接入', num(e.acceptedWithin30s)],
      ]), chartFigure('chart-emergencies', '紧急情况的后续'));
      drawChart(/** @type {HTMLElement} */ (b.emergencies.querySelector('figure')), { type: 'bar', title: '紧急情况的后续', unit: '件', horizontal: true,
        points: Object.entries(meta.labels.emergencyFollowUp).map(([key, label]) => ({ label, value: e[key] ?? 0 })) });

      // The upkeep queue's figures, whatever it reports (its owner may add more than open and resolved).
      const UPKEEP_LABELS = /** @type {Record<string, string>} */ ({ open: '待处理', resolved: '已处理' });
      const upkeep = Object.entries(o.upkeep).map(([key, v]) => [UPKEEP_LABELS[key] ?? key, typeof v === 'number' && /Ms$/.test(key) ? daysOf(v) : num(/** @type {any} */ (v))]);
      b.upkeep.replaceChildren(figures(/** @type {Array<[string, string]>} */ (upkeep)));
    }

    /** Recent comments (masked by the server); admins may open the conversation. @param {any[]} list */
    function comments(list) {
      const box = el('div', { class: 'comments' });
      box.append(el('h3', {}, '近期留言'));
      if (!list.length) { box.append(el('p', { class: 'help' }, '本期无留言。')); return box; }
      const ul = el('ul');
      for (const c of list) {
        const li = el('li');
        const what = c.source === 'rating' ? `评分 ${c.score}` : c.helpful ? '答复有用' : '答复没用';
        li.append(el('span', { class: 'when' }, `${c.at.slice(0, 16).replace('T', ' ')} · ${what}`), el('q', {}, c.comment));
        if (ws.canEdit && c.conversationId) {
          const open = el('button', { type: 'button', class: 'secondary no-print' }, '查看对话记录');
          open.setAttribute('aria-label', `查看对话记录：${c.comment.slice(0, 20)}`);
          open.addEventListener('click', () => void showTranscript(c.conversationId, c.channelId));
          li.append(open);
        }
        ul.append(li);
      }
      box.append(ul);
      if (!ws.canEdit) box.append(el('p', { class: 'help' }, '查看对话记录需管理员权限。'));
      return box;
    }

    const dialog = /** @type {HTMLDialogElement} */ ($('transcript-dialog'));
    $('transcript-close').addEventListener('click', () => dialog.close());
    /** @param {string} conversationId @param {string | null} channelId */
    async function showTranscript(conversationId, channelId) {
      const q = channelId ? `?channel=${encodeURIComponent(channelId)}` : '';
      const res = await ws.client.call('GET', `/transcripts/${encodeURIComponent(conversationId)}${q}`);
      const body = $('transcript-body');
      if (!res.ok) body.replaceChildren(el('p', { class: 'error', role: 'alert' }, res.data.error || `无法打开（${res.status}）`));
      else body.replaceChildren(table(`对话 ${conversationId}（本次查看已记入审计）`, ['时间', '发言人', '内容'],
        res.data.lines.map((/** @type {any} */ x) => [x.at.slice(0, 19).replace('T', ' '), x.from === 'bot' ? '助手' : '群众', x.text])));
      dialog.showModal();
    }

    async function load() {
      status.textContent = '正在加载…';
      const res = await ws.client.call('GET', `/stats/overview?${query()}`);
      if (!res.ok) { status.textContent = res.data.error || `加载失败（${res.status}）`; return; }
      render(res.data);
      const where = county.value ? county.selectedOptions[0].text : '全市';
      $('report-period').textContent = `${input('from').value} 至 ${input('to').value} · ${where}`;
      status.textContent = `已更新：${input('from').value} 至 ${input('to').value}，${where}`;
    }

    $('filters').addEventListener('submit', (event) => { event.preventDefault(); void load(); });
    county.addEventListener('change', () => void load());
    $('print').addEventListener('click', async () => {
      const { from, to } = monthRange(input('month').value || today.slice(0, 7));
      input('from').value = from;
      input('to').value = to;
      await load();
      window.print();
    });
    // The printed report shows every table: open the disclosures while printing, then put them back.
    /** @type {HTMLDetailsElement[]} */
    let opened = [];
    window.addEventListener('beforeprint', () => {
      opened = [...document.querySelectorAll('details:not([open])')].map((d) => /** @type {HTMLDetailsElement} */ (d));
      for (const d of opened) d.open = true;
    });
    window.addEventListener('afterprint', () => { for (const d of opened) d.open = false; });
    await load();
  },
});
