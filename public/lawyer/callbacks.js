// @ts-check
/*
 * The lawyer console's callback requests (回电请求): citizens who left a phone number when nobody was on duty.
 * Lists the open ones oldest first (GET /api/v1/handoff/callbacks) and closes one as done or unreachable with an
 * optional note (PUT /api/v1/handoff/callbacks/:id). Refreshed when the panel opens, after an action and every
 * 30 s while logged in; the queue stream does not carry callbacks.
 * The phone number is personal data: it is shown to the logged-in lawyer and nowhere else (not in a URL, the
 * title or the console log). Items are kept by id between refreshes so a note being typed survives a refresh.
 * All text goes in with textContent. An ES module, imported by lawyer.js.
 */

import { $ } from '../staff/dom.js';

/** @typedef {import('../staff/client.js').ApiResponse} ApiResponse */

/**
 * An open callback request (GET /api/v1/handoff/callbacks).
 * @typedef {object} Callback
 * @property {number} id
 * @property {string} phone
 * @property {number} createdAt
 * @property {string | null} [preferredTime]
 * @property {string | null} [topic]
 * @property {string | null} [county]
 * @property {string | null} [countyName]
 */

/**
 * @typedef {object} CallbacksPanel
 * @property {() => void} start logged in: load now and every 30 s
 * @property {() => void} stop logged out: stop refreshing and drop the numbers from the page
 */

const REFRESH_MS = 30 * 1000;
const NOTE_MAX = 500;
/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 */
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/**
 * "15分钟前" from a past time; minutes under an hour, then hours, then days.
 * @param {number} ms how long ago
 */
export function ago(ms) {
  const m = Math.floor(Math.max(0, ms) / 60000);
  if (m < 1) return '刚刚';
  if (m < 60) return `${m}分钟前`;
  if (m < 24 * 60) return `${Math.floor(m / 60)}小时前`;
  return `${Math.floor(m / 1440)}天前`;
}

/**
 * The clock time, with the date when it is not today.
 * @param {number} at
 * @param {number} now
 */
function clock(at, now) {
  const d = new Date(at);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === new Date(now).toDateString() ? time : `${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
}

/**
 * Wires the panel. `api(method, path, body)` resolves to {status, data} (lawyer.js handles 401),
 * `notice(text)` shows a status line, `countyName(id)` names a county id the console has seen (or null).
 * @param {{ api: (method: string, path: string, body?: unknown) => Promise<ApiResponse>, notice: (text: string) => void,
 *   countyName: (id: string) => string | null }} deps
 * @returns {CallbacksPanel}
 */
export function create({ api, notice, countyName }) {
  const box = /** @type {HTMLDetailsElement} */ ($('callbacks-box'));
  const list = $('callbacks');
  /** @typedef {{ li: HTMLLIElement, when: HTMLElement, preferred: HTMLElement, county: HTMLElement, note: HTMLTextAreaElement, buttons: HTMLButtonElement[] }} Item */
  /** @type {Map<number, Item>} */
  const items = new Map();
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let timer;
  /** @type {Promise<void> | null} */
  let loading = null;
  let running = false;

  /** @param {number} n */
  function setCount(n) {
    const badge = $('callback-count');
    badge.textContent = String(n);
    badge.setAttribute('aria-label', `${n}条待处理的回电请求`);
    badge.classList.toggle('zero', n === 0);
  }

  /**
   * @param {Callback} c
   * @returns {Item}
   */
  function build(c) {
    const li = el('li', 'callback');
    li.dataset.id = String(c.id);
    const head = el('p', 'callback-head');
    head.append(el('span', 'visually-hidden', '回电号码 '), el('strong', 'phone', c.phone));
    const when = el('span', 'who-line');
    const facts = el('dl', 'callback-facts');
    const preferred = el('dd');
    const county = el('dd');
    facts.append(el('dt', '', '方便时间'), preferred, el('dt', '', '主题'), el('dd', '', c.topic || '未识别'), el('dt', '', '地区'), county);
    const noteId = `callback-${c.id}-note`;
    const noteLabel = el('label', '', '备注（可选，最多500字，勿填证件号等个人信息）');
    noteLabel.htmlFor = noteId;
    const note = el('textarea');
    note.id = noteId;
    note.rows = 2;
    note.maxLength = NOTE_MAX;
    const actions = el('div', 'actions');
    const done = el('button', '', '已回电');
    const unreachable = el('button', 'secondary', '未联系上');
    for (const [b, status, label] of /** @type {const} */ ([[done, 'done', '已回电'], [unreachable, 'unreachable', '未联系上']])) {
      b.type = 'button';
      // Names the request by its time, not the phone, so the number is not read out with every button.
      b.setAttribute('aria-label', `${label}：${clock(c.createdAt, Date.now())}的回电请求`);
      b.addEventListener('click', () => { close(c.id, status).catch(() => {}); });
    }
    actions.append(done, unreachable);
    li.append(head, when, facts, noteLabel, note, actions);
    return { li, when, preferred, county, note, buttons: [done, unreachable] };
  }

  /**
   * Updates the list in place: gone items removed, new ones inserted, existing nodes (and focus) left alone.
   * @param {Callback[]} callbacks
   */
  function render(callbacks) {
    const now = Date.now();
    const ids = new Set(callbacks.map((c) => c.id));
    for (const [id, item] of items) if (!ids.has(id)) { item.li.remove(); items.delete(id); }
    let cursor = list.firstElementChild;
    for (const c of [...callbacks].sort((a, b) => a.createdAt - b.createdAt)) {
      let item = items.get(c.id);
      if (!item) { item = build(c); items.set(c.id, item); }
      item.when.textContent = `${ago(now - c.createdAt)} · ${clock(c.createdAt, now)}提交`;
      item.preferred.textContent = c.preferredTime || '未说明';
      item.county.textContent = c.countyName || (c.county && countyName(c.county)) || c.county || '未知';
      if (item.li === cursor) cursor = cursor.nextElementSibling;
      else list.insertBefore(item.li, cursor);
    }
    setCount(callbacks.length);
    $('callbacks-empty').hidden = callbacks.length > 0;
  }

  /**
   * Fetches the open callbacks; concurrent calls share one request.
   * @returns {Promise<void>}
   */
  function refresh() {
    loading ??= (async () => {
      try {
        const { status, data } = await api('GET', '/handoff/callbacks');
        if (!running) return; // logged out while the request was in flight
        if (status === 200 && Array.isArray(data.callbacks)) render(data.callbacks);
        else notice(`回电请求未能加载：${data.error || status}`);
      } finally { loading = null; }
    })();
    return loading;
  }

  /**
   * @param {number} id
   * @param {'done' | 'unreachable'} status
   */
  async function close(id, status) {
    const item = items.get(id);
    if (!item) return;
    const note = item.note.value.trim().slice(0, NOTE_MAX);
    for (const b of item.buttons) b.disabled = true;
    try {
      const res = await api('PUT', `/handoff/callbacks/${encodeURIComponent(id)}`, note ? { status, note } : { status });
      if (res.status === 200) notice(status === 'done' ? '已记录：已回电。' : '已记录：未联系上。');
      else if (res.status === 404) notice('该回电请求已由其他律师处理，列表已刷新。');
      else notice(`未能保存：${res.data.error || res.status}`);
    } finally {
      for (const b of item.buttons) b.disabled = false;
    }
    await refresh();
    // Keep keyboard users in the list: focus the next request, or the panel's summary when none is left.
    /** @type {HTMLElement | null} */
    const next = list.querySelector('li button') || box.querySelector('summary');
    next?.focus();
  }

  box.addEventListener('toggle', () => { if (box.open) refresh().catch(() => {}); });

  return {
    start() {
      running = true;
      clearInterval(timer);
      timer = setInterval(() => { refresh().catch(() => {}); }, REFRESH_MS);
      refresh().catch(() => {});
    },
    /** Logged out: stop refreshing and drop the numbers from the page. */
    stop() {
      running = false;
      clearInterval(timer);
      timer = undefined;
      items.clear();
      list.replaceChildren();
      setCount(0);
      box.open = false;
    },
  };
}
