// @ts-check
/**
 * @module public/admin/audit
 * The audit page (admins): staff actions from GET /api/v1/audit, filtered by actor, action and period, a page at a
 * time. The action labels come with the answer; details are shown as recorded (the server never records passwords).
 */
import { startWorkspace } from './workspace.js';
import { $, button, field } from '../staff/dom.js';
import { chinaTime, clearErrors, el, showError } from './form-errors.js';

const PAGE = 50;
/** API parameter → input. */
const FIELDS = { actor: 'actor', action: 'action', from: 'from', to: 'to' };

/**
 * @typedef {{ at: string, actor: string, action: string, subject: string | null, detail: unknown, oldValue: unknown, newValue: unknown }} Entry
 * @typedef {{ entries: Entry[], limit: number, offset: number, nextOffset: number | null, actions: Record<string, string> }} AuditPage
 */

/** @param {unknown} v */
const show = (v) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** @param {Entry} e */
function details(e) {
  const parts = [show(e.detail)];
  if (e.oldValue !== null || e.newValue !== null) parts.push(`原值：${show(e.oldValue) || '（无）'}`, `新值：${show(e.newValue) || '（无）'}`);
  return parts.filter(Boolean).join('\n');
}

startWorkspace({
  page: 'audit',
  async onReady({ client }) {
    const form = /** @type {HTMLFormElement} */ ($('audit-filter'));
    const alert = $('filter-error');
    let offset = 0;
    /** @type {Record<string, string>} */
    let labels = {};
    const actionSelect = /** @type {HTMLSelectElement} */ ($('action'));

    /** @param {string} action */
    const label = (action) => labels[action] ?? (action.startsWith('handoff.') ? `转人工：${action.slice(8)}` : action);

    async function load() {
      clearErrors(form, alert);
      const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
      for (const name of ['actor', 'action', 'from', 'to']) if (field(name).value.trim()) params.set(name, field(name).value.trim());
      const res = await client.call('GET', `/audit?${params}`);
      if (!res.ok) { showError(form, alert, res.data.error || `查询失败（${res.status}）`, FIELDS); return; }
      /** @type {AuditPage} */
      const page = res.data;
      if (!Object.keys(labels).length) {
        labels = page.actions;
        actionSelect.append(...Object.entries(labels).map(([value, text]) => el('option', { value }, text)));
      }
      $('entries').replaceChildren(...page.entries.map((e) => {
        const row = el('tr');
        row.append(el('td', {}, chinaTime(e.at)), el('td', {}, e.actor), el('td', { 'data-action': e.action }, label(e.action)),
          el('td', {}, e.subject ?? ''), el('td', { class: 'detail' }, details(e)));
        return row;
      }));
      const first = page.entries.length ? offset + 1 : 0;
      $('page-info').textContent = page.entries.length ? `第 ${first}–${offset + page.entries.length} 条` : '没有符合条件的记录';
      button('prev').disabled = offset === 0;
      button('next').disabled = page.nextOffset === null;
    }

    actionSelect.append(el('option', { value: '' }, '全部'));
    form.addEventListener('submit', (event) => { event.preventDefault(); offset = 0; void load(); });
    button('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); void load(); });
    button('next').addEventListener('click', () => { offset += PAGE; void load(); });
    await load();
  },
});
