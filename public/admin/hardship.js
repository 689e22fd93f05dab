// @ts-check
/**
 * @module public/admin/hardship
 * The hardship standard page: shows the standard in force (GET /api/v1/region/hardship-standard, admins and
 * supervisors) and lets an admin set it (PUT). Eligibility uses a new standard at once.
 */
import { startWorkspace } from './workspace.js';
import { $, field } from '../staff/dom.js';
import { chinaTime, clearErrors, el, showError } from './form-errors.js';

/** API field → input. */
const FIELDS = { cityUrbanIncomePerYear: 'income', year: 'year', source: 'source' };

/** @typedef {{ cityUrbanIncomePerYear: number, year: number, source: string, updatedBy: string, updatedAt: string }} Standard */

/** @param {Standard | null} standard */
function showCurrent(standard) {
  const list = $('current');
  if (!standard) {
    list.replaceChildren(el('dt', {}, '状态'), el('dd', { id: 'current-state' }, '尚未设置：经济状况审查结果为“无法判断”，需人工审查。'));
    return;
  }
  // Linked only when it is a web address (a URL such as javascript:… is shown as text).
  const sourceDd = el('dd');
  sourceDd.append(/^https?:\/\//i.test(standard.source) ? el('a', { href: standard.source, rel: 'noopener noreferrer' }, standard.source) : standard.source);
  list.replaceChildren(
    el('dt', {}, '状态'), el('dd', { id: 'current-state' }, '已设置'),
    el('dt', {}, '城镇居民人均可支配收入'), el('dd', { id: 'current-income' }, `${standard.cityUrbanIncomePerYear.toLocaleString('zh-CN')} 元/年（${standard.year}年度）`),
    el('dt', {}, '来源'), sourceDd,
    el('dt', {}, '最后修改'), el('dd', {}, `${standard.updatedBy}，${chinaTime(standard.updatedAt)}`),
  );
}

startWorkspace({
  page: 'hardship',
  async onReady({ client, canEdit }) {
    const form = /** @type {HTMLFormElement} */ ($('hardship-form'));
    const alert = $('form-error');
    const status = $('form-status');
    const { standard } = await client.json('GET', '/region/hardship-standard');
    showCurrent(standard);
    $('edit-panel').hidden = !canEdit;
    $('read-only').hidden = canEdit;
    if (!canEdit) return;
    if (standard) {
      field('income').value = String(standard.cityUrbanIncomePerYear);
      field('year').value = String(standard.year);
      field('source').value = standard.source;
    }
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, alert);
      status.textContent = '';
      const number = (/** @type {string} */ id) => (field(id).value.trim() === '' ? undefined : Number(field(id).value));
      const body = { cityUrbanIncomePerYear: number('income'), year: number('year'), source: field('source').value.trim() };
      const res = await client.call('PUT', '/region/hardship-standard', body);
      if (!res.ok) { showError(form, alert, res.data.error || `保存失败（${res.status}）`, FIELDS); return; }
      showCurrent(res.data.standard);
      status.textContent = '已保存。法律援助资格自查即时使用新标准。';
    });
  },
});
