// @ts-check
/**
 * @module public/admin/directory
 * The service directory page: every office of the city and its counties (GET /api/v1/directory), and for admins
 * an edit form per office and a new-office form (PUT /api/v1/directory/offices/:id). Each contact (address,
 * phone, hours) has its confirmed flag, source URL and date; an empty value is sent as unknown (null), never
 * guessed. The bot's where-to-go answers use a saved change at once.
 */
import { startWorkspace } from './workspace.js';
import { $, button, field } from '../staff/dom.js';
import { chinaTime, clearErrors, el, showError } from './form-errors.js';

/** The contact fields an office has, with their labels. */
const CONTACTS = /** @type {const} */ ([['address', '地址'], ['phone', '电话'], ['hours', '办公时间']]);

/** API field → input. */
const FIELDS = /** @type {Record<string, string>} */ ({
  id: 'office-id', name: 'office-name', nameConfirmed: 'office-name-confirmed', kind: 'office-kind', county: 'office-county',
  level: 'office-county', services: 'office-services', note: 'office-note',
  ...Object.fromEntries(CONTACTS.flatMap(([k]) => [
    [k, `${k}-value`], [`${k}.value`, `${k}-value`], [`${k}.confirmed`, `${k}-confirmed`], [`${k}.source`, `${k}-source`],
    [`${k}.sourceDate`, `${k}-date`], [`${k}.note`, `${k}-note`],
  ])),
});

/**
 * @typedef {{ value: string | null, confirmed: boolean, source?: string, sourceDate?: string, note?: string }} Contact
 * @typedef {{ id: string, kind: string, level: 'city' | 'county', county?: string, name: string, nameConfirmed: boolean,
 *   address: Contact, phone: Contact, hours: Contact, services?: string[], note?: string, edited: { by: string, at: string } | null,
 *   [more: string]: unknown }} Office
 * @typedef {{ counties: Array<{ id: string, name: string }>, kinds: Record<string, string>, offices: Office[] }} Directory
 */

/** @param {Contact} c */
function contactCell(c) {
  const td = el('td');
  if (c.value === null) { td.textContent = '暂无'; return td; }
  td.append(el('span', {}, c.value), c.confirmed ? el('span', { class: 'confirmed' }, '（已核实）') : el('span', { class: 'unconfirmed' }, '（未核实）'));
  return td;
}

/** The fieldsets of the contact fields. */
function contactFieldsets() {
  return CONTACTS.map(([key, label]) => {
    const set = el('fieldset');
    set.append(el('legend', {}, label));
    const grid = el('div', { class: 'form-grid' });
    grid.append(
      el('label', { for: `${key}-value` }, `${label}（不知道请留空）`), el('input', { id: `${key}-value` }),
      el('span'), checkbox(`${key}-confirmed`, `${label}已核实`),
      el('label', { for: `${key}-source` }, '来源网址'), el('input', { id: `${key}-source`, type: 'url', placeholder: 'https://' }),
      el('label', { for: `${key}-date` }, '来源日期'), el('input', { id: `${key}-date`, placeholder: '2026-12-01' }),
      el('label', { for: `${key}-note` }, '说明'), el('input', { id: `${key}-note` }),
    );
    set.append(grid);
    return set;
  });
}

/** @param {string} id @param {string} text */
function checkbox(id, text) {
  const label = el('label', { class: 'checkbox', for: id });
  label.append(el('input', { type: 'checkbox', id }), text);
  return label;
}

/** @param {string} id */
const checked = (id) => field(id).checked;
/** @param {string} id */
const text = (id) => field(id).value.trim();

/**
 * The form's office as the API takes it; fields the form does not show (postal address, website) are kept.
 * @param {Office | null} base
 */
function formOffice(base) {
  const { id: _id, edited: _edited, ...rest } = base ?? /** @type {Partial<Office>} */ ({});
  const county = text('office-county');
  /** @type {Record<string, unknown>} */
  const office = { ...rest, kind: text('office-kind'), level: county ? 'county' : 'city', name: text('office-name'), nameConfirmed: checked('office-name-confirmed') };
  if (county) office.county = county; else delete office.county;
  for (const [key] of CONTACTS) {
    /** @type {Contact} */
    const c = { value: text(`${key}-value`) || null, confirmed: checked(`${key}-confirmed`) };
    if (text(`${key}-source`)) c.source = text(`${key}-source`);
    if (text(`${key}-date`)) c.sourceDate = text(`${key}-date`);
    if (text(`${key}-note`)) c.note = text(`${key}-note`);
    office[key] = c;
  }
  const services = text('office-services').split(/[、,，]/).map((s) => s.trim()).filter(Boolean);
  if (services.length) office.services = services; else delete office.services;
  if (text('office-note')) office.note = text('office-note'); else delete office.note;
  return office;
}

startWorkspace({
  page: 'directory',
  async onReady({ client, canEdit }) {
    const form = /** @type {HTMLFormElement} */ ($('office-form'));
    const alert = $('office-error');
    /** @type {Directory} */
    let directory = await client.json('GET', '/directory');
    /** @type {Office | null} the office being edited (null: a new one) */
    let editing = null;
    const countyName = (/** @type {string | undefined} */ id) => (id ? directory.counties.find((c) => c.id === id)?.name ?? id : '市级');

    const filter = /** @type {HTMLSelectElement} */ ($('county-filter'));
    filter.append(el('option', { value: '*' }, '全部'), el('option', { value: '' }, '市级'), ...directory.counties.map((c) => el('option', { value: c.id }, c.name)));
    const countySelect = /** @type {HTMLSelectElement} */ ($('office-county'));
    countySelect.append(el('option', { value: '' }, '市级'), ...directory.counties.map((c) => el('option', { value: c.id }, c.name)));
    const kindSelect = /** @type {HTMLSelectElement} */ ($('office-kind'));
    kindSelect.append(...Object.entries(directory.kinds).map(([k, label]) => el('option', { value: k }, label)));
    $('contacts').replaceChildren(...contactFieldsets());
    button('new-office').hidden = !canEdit;

    function render() {
      const shown = directory.offices.filter((o) => filter.value === '*' || (o.county ?? '') === filter.value);
      $('offices').replaceChildren(...shown.map((o) => {
        const row = el('tr', { 'data-id': o.id });
        const name = el('td');
        name.append(el('span', {}, o.name), o.nameConfirmed ? '' : el('span', { class: 'unconfirmed' }, '（名称未核实）'));
        row.append(name, el('td', {}, directory.kinds[o.kind] ?? o.kind), el('td', {}, countyName(o.county)),
          contactCell(o.phone), contactCell(o.address), contactCell(o.hours),
          el('td', {}, o.edited ? `${o.edited.by}，${chinaTime(o.edited.at)}` : '名录文件'));
        const actions = el('td');
        if (canEdit) {
          const edit = el('button', { type: 'button', class: 'secondary', 'aria-label': `编辑 ${o.name}` }, '编辑');
          edit.addEventListener('click', () => open(o));
          actions.append(edit);
        }
        row.append(actions);
        return row;
      }));
    }

    /** @param {Office | null} office */
    function open(office) {
      editing = office;
      clearErrors(form, alert);
      $('edit-title').textContent = office ? `编辑：${office.name}` : '新增机构';
      field('office-id').value = office?.id ?? '';
      field('office-id').readOnly = Boolean(office);
      field('office-name').value = office?.name ?? '';
      field('office-name-confirmed').checked = office?.nameConfirmed ?? false;
      kindSelect.value = office?.kind ?? 'pls_centre';
      countySelect.value = office?.county ?? '';
      field('office-services').value = (office?.services ?? []).join('、');
      field('office-note').value = office?.note ?? '';
      for (const [key] of CONTACTS) {
        const c = office?.[key] ?? { value: null, confirmed: false };
        field(`${key}-value`).value = c.value ?? '';
        field(`${key}-confirmed`).checked = c.confirmed;
        field(`${key}-source`).value = c.source ?? '';
        field(`${key}-date`).value = c.sourceDate ?? '';
        field(`${key}-note`).value = c.note ?? '';
      }
      $('edit-panel').hidden = false;
      (office ? field('office-name') : field('office-id')).focus();
    }

    function close() {
      $('edit-panel').hidden = true;
      editing = null;
    }

    filter.addEventListener('change', render);
    button('new-office').addEventListener('click', () => open(null));
    button('office-cancel').addEventListener('click', close);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form, alert);
      const id = text('office-id');
      if (!id) { showError(form, alert, 'id: 请填写编号', FIELDS); return; }
      const res = await client.call('PUT', `/directory/offices/${encodeURIComponent(id)}`, formOffice(editing));
      if (!res.ok) { showError(form, alert, res.data.error || `保存失败（${res.status}）`, FIELDS); return; }
      directory = await client.json('GET', '/directory');
      close();
      render();
      $('list-status').textContent = `已保存：${res.data.office.name}。机器人即时使用新信息。`;
      $('list-status').focus();
    });
    render();
  },
});
