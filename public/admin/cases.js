// @ts-check
/**
 * @module public/admin/cases
 * The case library page: each year's count against the target (30 a year), the cases (GET /api/v1/cases), and for
 * admins a form to add a case (POST) or edit one (PUT /api/v1/cases/:id). The server checks the case with the
 * case files' schema and every cited article against the statutes; its error names the field, which the form marks.
 */
import { startWorkspace } from './workspace.js';
import { $, button, field } from '../staff/dom.js';
import { chinaTime, clearErrors, el, showError } from './form-errors.js';

/** API field → input. */
const FIELDS = {
  year: 'case-year', topic: 'case-topic', title: 'case-title', keywords: 'case-keywords', facts: 'case-facts',
  outcome: 'case-outcome', citedArticles: 'case-articles', source: 'case-source',
};

/**
 * @typedef {{ law: string, article: number }} LawRef
 * @typedef {{ id: string, year: number, yearBasis: string, title: string, caseName: string | null, publisher: string | null,
 *   publishedOn: string | null, topic: string, keywords: string[], facts: string, outcome: string | null, reasoning: string | null,
 *   significance: string | null, citedArticles: LawRef[], source: string, edited: { by: string, at: string } | null }} LibraryCase
 * @typedef {{ year: number, count: number, target: number, shortfall: number }} YearCount
 */

/**
 * "民法典 1245" / "民法典第1245条" per line → refs; a line that is not one is kept as a ref the server refuses by name.
 * @param {string} text
 * @returns {Array<{ law: string, article: number | string }>}
 */
export function parseArticles(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const m = /^《?(.+?)》?\s*第?\s*(\d+)\s*条?$/.exec(line);
    return m ? { law: m[1].trim(), article: Number(m[2]) } : { law: line, article: line };
  });
}

startWorkspace({
  page: 'cases',
  async onReady({ client, meta, canEdit }) {
    const form = /** @type {HTMLFormElement} */ ($('case-form'));
    const alert = $('case-error');
    /** @type {{ cases: LibraryCase[], perYear: YearCount[], target: number }} */
    let library = await client.json('GET', '/cases');
    /** @type {LibraryCase | null} */
    let editing = null;
    const yearFilter = /** @type {HTMLSelectElement} */ ($('year-filter'));
    /** @type {HTMLSelectElement} */ ($('case-topic')).append(...meta.topics.map((t) => el('option', { value: t }, t)));
    button('new-case').hidden = !canEdit;

    function render() {
      $('target').textContent = String(library.target);
      $('years').replaceChildren(...library.perYear.map((y) => {
        const item = el('li');
        const id = `year-${y.year}`;
        item.append(el('span', { id }, `${y.year}年`),
          el('meter', { min: '0', max: String(y.target), value: String(Math.min(y.count, y.target)), 'aria-labelledby': id, 'aria-valuetext': `${y.count}件，目标${y.target}件` }),
          el('span', {}, `${y.count} / ${y.target}${y.shortfall ? `（差${y.shortfall}件）` : '（已达标）'}`));
        return item;
      }));
      const chosen = yearFilter.value;
      yearFilter.replaceChildren(el('option', { value: '' }, '全部'), ...library.perYear.map((y) => el('option', { value: String(y.year) }, `${y.year}年`)));
      yearFilter.value = chosen;
      const shown = library.cases.filter((c) => !yearFilter.value || String(c.year) === yearFilter.value);
      $('cases').replaceChildren(...shown.map((c) => {
        const row = el('tr', { 'data-id': c.id });
        row.append(el('td', {}, String(c.year)), el('td', {}, c.title), el('td', {}, c.topic),
          el('td', {}, c.citedArticles.map((a) => `${a.law}第${a.article}条`).join('；') || '—'),
          el('td', {}, c.edited ? `${c.edited.by}，${chinaTime(c.edited.at)}` : '案例文件'));
        const actions = el('td');
        if (canEdit) {
          const edit = el('button', { type: 'button', class: 'secondary', 'aria-label': `编辑 ${c.title}` }, '编辑');
          edit.addEventListener('click', () => open(c));
          actions.append(edit);
        }
        row.append(actions);
        return row;
      }));
    }

    /** @param {LibraryCase | null} c */
    function open(c) {
      editing = c;
      clearErrors(form, alert);
      $('edit-title').textContent = c ? `编辑：${c.title}` : '新增案例';
      field('case-year').value = String(c?.year ?? new Date().getFullYear());
      field('case-year').readOnly = Boolean(c); // a case stays in its year (its id begins with it)
      field('case-topic').value = c?.topic ?? meta.topics[0] ?? '';
      field('case-title').value = c?.title ?? '';
      field('case-keywords').value = (c?.keywords ?? []).join('、');
      field('case-facts').value = c?.facts ?? '';
      field('case-outcome').value = c?.outcome ?? '';
      field('case-articles').value = (c?.citedArticles ?? []).map((a) => `${a.law} ${a.article}`).join('\n');
      field('case-source').value = c?.source ?? '';
      $('edit-panel').hidden = false;
      field(c ? 'case-title' : 'case-year').focus();
    }

    function body() {
      const text = (/** @type {string} */ id) => field(id).value.trim();
      const base = editing ?? { yearBasis: 'published', caseName: null, publisher: null, publishedOn: null, reasoning: null, significance: null };
      return {
        yearBasis: base.yearBasis, caseName: base.caseName, publisher: base.publisher, publishedOn: base.publishedOn,
        reasoning: base.reasoning, significance: base.significance,
        year: text('case-year') === '' ? undefined : Number(text('case-year')),
        topic: text('case-topic'), title: text('case-title'),
        keywords: text('case-keywords').split(/[、,，\s]+/).filter(Boolean),
        facts: text('case-facts'), outcome: text('case-outcome') || null,
        citedArticles: parseArticles(field('case-articles').value), source: text('case-source'),
      };
    }

    yearFilter.addEventListener('change', render);
    button('new-case').addEventListener('click', () => open(null));
    button('case-cancel').addEventListener('click', () => { $('edit-panel').hidden = true; editing = null; });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, alert);
      const res = editing ? await client.call('PUT', `/cases/${encodeURIComponent(editing.id)}`, body()) : await client.call('POST', '/cases', body());
      if (!res.ok) { showError(form, alert, res.data.error || `保存失败（${res.status}）`, FIELDS); return; }
      library = await client.json('GET', '/cases');
      $('edit-panel').hidden = true;
      editing = null;
      render();
      $('list-status').textContent = `已保存：${res.data.case.title}（${res.data.case.id}）。`;
      $('list-status').focus();
    });
    render();
  },
});
