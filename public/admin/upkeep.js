// @ts-check
/**
 * @module public/admin/upkeep
 * The knowledge-upkeep page of the workspace (admins): the review queue (clusters of questions the bot could not
 * answer well, with counts, reasons and examples), the four actions on an item (file it under an entry found by
 * search; write a new entry, each basis checked against the law in force as it is typed; add a dialect rewrite or a
 * synonym; dismiss with a reason), the list of knowledge edits with undo, and the export of the live edits as files.
 * Everything goes through the workspace's one client (GET/POST /api/v1/upkeep/…).
 */
import { startWorkspace } from './workspace.js';
import { $, button, field } from '../staff/dom.js';

/**
 * @typedef {{ id: number, question: string, count: number, reasons: string[], examples: string[], lastAt: string }} QueueItem
 * @typedef {{ id: number, version: number, kind: string, target: string, doc: any, createdBy: string, createdAt: string, live: boolean, undoneBy: string | null, undoneAt: string | null }} Edit
 */

/** Wait after the last keystroke before asking the server (entry search, basis check). */
const TYPING_MS = 250;

/** @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text] */
function el(tag, attrs = {}, text = '') {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

/** @param {() => void} fn */
function debounced(fn) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, TYPING_MS);
  };
}

const when = (/** @type {string} */ iso) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
const splitList = (/** @type {string} */ text) => text.split(/[,，、\n]/).map((s) => s.trim()).filter(Boolean);

startWorkspace({
  page: 'upkeep',
  onReady: async ({ client, meta }) => {
    const status = $('status');
    const say = (/** @type {string} */ text) => { status.textContent = text; };
    const reasonLabel = (/** @type {string} */ r) => meta.labels.upkeepReason?.[r] ?? r;
    const kindLabel = (/** @type {string} */ k) => meta.labels.upkeepEdit?.[k] ?? k;

    // --- the queue ---
    /** @type {QueueItem | null} */
    let selected = null;
    const queueList = $('queue');
    async function loadQueue() {
      /** @type {QueueItem[]} */
      const items = await client.json('GET', '/upkeep/queue');
      $('queue-count').textContent = `（${items.length}组）`;
      $('queue-empty').hidden = items.length > 0;
      queueList.replaceChildren(...items.map((item) => {
        const li = el('li', { 'data-item': String(item.id) });
        if (selected?.id === item.id) li.setAttribute('aria-current', 'true');
        li.append(el('p', { class: 'question' }, item.question));
        const info = el('p', { class: 'meta' }, `${item.count}次 · 最近 ${when(item.lastAt)} · `);
        for (const r of item.reasons) info.append(el('span', { class: 'reason' }, reasonLabel(r)));
        li.append(info);
        if (item.examples.length > 1) {
          const examples = el('ul', { class: 'examples', 'aria-label': '相近的问法' });
          examples.append(...item.examples.map((e) => el('li', {}, e)));
          li.append(examples);
        }
        const open = el('button', { type: 'button', class: 'secondary', 'aria-label': `处理：${item.question}` }, '处理');
        open.addEventListener('click', () => choose(item));
        li.append(open);
        return li;
      }));
    }

    // --- the action panel ---
    const panel = $('action');
    const form = /** @type {HTMLFormElement} */ ($('resolve-form'));
    const error = $('resolve-error');
    const actionOf = () => /** @type {HTMLInputElement} */ (form.querySelector('input[name="action"]:checked')).value;
    function showActionForm() {
      for (const action of ['add_phrasing', 'new_entry', 'synonym', 'dismiss']) $(`form-${action}`).hidden = action !== actionOf();
      error.textContent = '';
    }
    form.querySelectorAll('input[name="action"]').forEach((r) => r.addEventListener('change', showActionForm));

    /** @param {QueueItem} item */
    function choose(item) {
      selected = item;
      for (const li of queueList.querySelectorAll('li[data-item]')) li.toggleAttribute('aria-current', li.getAttribute('data-item') === String(item.id));
      $('action-question').textContent = item.question;
      field('phrasing').value = item.question;
      field('questions').value = item.question;
      field('answer').value = '';
      field('dismiss-reason').value = '';
      field('entry-search').value = '';
      $('entry-results').replaceChildren();
      $('basis-rows').replaceChildren();
      addBasisRow();
      panel.hidden = false;
      showActionForm();
      $('action-title').focus();
    }
    button('resolve-cancel').addEventListener('click', () => {
      panel.hidden = true;
      selected = null;
      queueList.querySelector('button')?.focus();
    });

    // add_phrasing: entries found as the search is typed.
    const results = $('entry-results');
    field('entry-search').addEventListener('input', debounced(async () => {
      const q = field('entry-search').value.trim();
      if (!q) { results.replaceChildren(); return; }
      /** @type {Array<{ id: string, topic: string, question: string }>} */
      const found = await client.json('GET', `/upkeep/entries?q=${encodeURIComponent(q)}`);
      results.replaceChildren(...(found.length ? found.map((e) => {
        const label = el('label');
        const radio = el('input', { type: 'radio', name: 'entry', value: e.id });
        label.append(radio, ` ${e.question}（${e.topic} · ${e.id}）`);
        return label;
      }) : [el('p', { class: 'help' }, '没有找到条目。')]));
    }));

    // new_entry: topics from the server, basis rows checked as they are typed.
    const topic = /** @type {HTMLSelectElement} */ ($('topic'));
    topic.replaceChildren(...meta.topics.map((t) => el('option', { value: t }, t)));
    let rows = 0;
    function addBasisRow() {
      const n = ++rows;
      const row = el('div', { class: 'basis-row', 'data-basis': String(n) });
      const input = (/** @type {string} */ name, /** @type {string} */ text, /** @type {Record<string, string>} */ attrs) => {
        const label = el('label', {}, text);
        const box = el('input', { 'data-field': name, ...attrs });
        label.append(box);
        row.append(label);
        return /** @type {HTMLInputElement} */ (box);
      };
      const law = input('law', '法律名称（不加“中华人民共和国”）', { value: '民法典' });
      const article = input('article', '第几条', { type: 'number', min: '1', inputmode: 'numeric' });
      const paragraph = input('paragraph', '第几款（可不填）', { type: 'number', min: '1', inputmode: 'numeric' });
      const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `删除第${n}条依据` }, '删除');
      remove.addEventListener('click', () => row.remove());
      row.append(remove);
      const check = el('p', { class: 'basis-check', role: 'status', 'aria-live': 'polite' });
      row.append(check);
      const verify = debounced(async () => {
        if (!law.value.trim() || !article.value) { check.textContent = ''; return; }
        const params = new URLSearchParams({ law: law.value.trim(), article: article.value });
        if (paragraph.value) params.set('paragraph', paragraph.value);
        const res = await client.call('GET', `/upkeep/basis?${params}`);
        const ok = res.ok && res.data.ok;
        check.className = `basis-check ${ok ? 'ok' : 'bad'}`;
        check.textContent = ok ? `✓ ${res.data.law}${res.data.label}：${String(res.data.text).slice(0, 80)}` : `✗ 找不到这条依据：${res.data.problem ?? res.data.error}`;
      });
      for (const box of [law, article, paragraph]) box.addEventListener('input', verify);
      $('basis-rows').append(row);
      return law;
    }
    button('add-basis').addEventListener('click', () => addBasisRow().focus());

    // synonym: a dialect rewrite or a synonym line.
    const kindOf = () => /** @type {HTMLInputElement} */ (form.querySelector('input[name="synonym-kind"]:checked')).value;
    form.querySelectorAll('input[name="synonym-kind"]').forEach((r) => r.addEventListener('change', () => {
      $('dialect-fields').hidden = kindOf() !== 'dialect';
      $('synonym-fields').hidden = kindOf() !== 'synonym';
    }));

    /** The request body for the chosen action, or a message saying what is missing. @returns {object | string} */
    function body() {
      const action = actionOf();
      if (action === 'add_phrasing') {
        const entry = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="entry"]:checked'));
        if (!entry) return '请先查找并选择一个条目。';
        return { action, entryId: entry.value, question: field('phrasing').value.trim() || undefined };
      }
      if (action === 'new_entry') {
        const basis = [...$('basis-rows').querySelectorAll('[data-basis]')].map((row) => {
          const v = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (row.querySelector(`[data-field="${name}"]`)).value.trim();
          return { law: v('law'), article: Number(v('article')), ...(v('paragraph') ? { paragraph: Number(v('paragraph')) } : {}) };
        });
        return { action, topic: topic.value, questions: field('questions').value.split('\n').map((q) => q.trim()).filter(Boolean), answer: field('answer').value.trim(), basis };
      }
      if (action === 'synonym') {
        return kindOf() === 'dialect'
          ? { action, rewrite: { from: field('rewrite-from').value.trim(), to: field('rewrite-to').value.trim() } }
          : { action, synonym: { terms: splitList(field('synonym-terms').value), legal: splitList(field('synonym-legal').value) } };
      }
      return { action, reason: field('dismiss-reason').value.trim() };
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!selected) return;
      const request = body();
      if (typeof request === 'string') { error.textContent = request; return; }
      const submit = button('resolve-submit');
      submit.disabled = true;
      try {
        const res = await client.call('POST', `/upkeep/${selected.id}/resolve`, request);
        if (!res.ok) { error.textContent = res.data.error || `提交失败（${res.status}）`; return; }
        const edit = /** @type {Edit | null} */ (res.data.edit);
        say(edit ? `已处理：${kindLabel(edit.kind)} ${edit.target}（知识版本 ${edit.version}），已生效。` : '已忽略该问题。');
        panel.hidden = true;
        selected = null;
        await Promise.all([loadQueue(), loadEdits()]);
        $('queue-title').focus();
      } finally {
        submit.disabled = false;
      }
    });

    // --- edits, with undo ---
    async function loadEdits() {
      /** @type {{ version: number, edits: Edit[] }} */
      const { version, edits } = await client.json('GET', '/upkeep/edits');
      $('knowledge-version').textContent = `（当前知识版本 ${version}）`;
      $('edits').replaceChildren(...edits.map((e) => {
        const tr = el('tr', { 'data-edit': String(e.id) });
        tr.append(el('td', {}, String(e.version)), el('td', {}, kindLabel(e.kind)), el('td', {}, describe(e)), el('td', {}, e.createdBy), el('td', {}, when(e.createdAt)));
        const state = el('td');
        if (e.live) {
          const undo = el('button', { type: 'button', class: 'secondary', 'aria-label': `撤销：${kindLabel(e.kind)} ${e.target}` }, '撤销');
          undo.addEventListener('click', async () => {
            const res = await client.call('POST', `/upkeep/edits/${e.id}/undo`);
            say(res.ok ? `已撤销：${kindLabel(e.kind)} ${e.target}，已生效。` : (res.data.error || `撤销失败（${res.status}）`));
            await Promise.all([loadQueue(), loadEdits()]);
          });
          state.append('生效中 ', undo);
        } else {
          state.append(el('span', { class: 'undone' }, `已由${e.undoneBy}撤销`));
        }
        tr.append(state);
        return tr;
      }));
    }
    /** @param {Edit} e */
    function describe(e) {
      if (e.kind === 'entry') return `${e.target}：${e.doc.questions[0]}（依据 ${e.doc.basis.map((/** @type {{ law: string, article: number }} */ b) => `${b.law}第${b.article}条`).join('、')}）`;
      if (e.kind === 'phrasing') return `“${e.doc.question}” → ${e.doc.entryId}`;
      if (e.kind === 'dialect') return `${e.doc.from} → ${e.doc.to}`;
      return `${e.doc.terms.join('、')} → ${e.doc.legal.join('、')}`;
    }

    // --- export ---
    button('export').addEventListener('click', async () => {
      /** @type {{ version: number, files: Array<{ path: string, content: string }> }} */
      const { version, files } = await client.json('GET', '/upkeep/export');
      $('export-files').replaceChildren(...files.map((f) => {
        const li = el('li');
        const link = el('a', { href: URL.createObjectURL(new Blob([f.content], { type: 'text/yaml' })), download: f.path.split('/').pop() ?? 'export.yaml' }, f.path);
        const details = el('details');
        details.append(el('summary', {}, '查看内容'), el('pre', {}, f.content));
        li.append(link, details);
        return li;
      }));
      say(files.length ? `已导出知识版本 ${version} 的 ${files.length} 个文件。` : '没有生效中的修改可以导出。');
    });

    await Promise.all([loadQueue(), loadEdits()]);
  },
});
