// @ts-check
/**
 * @module public/widget
 * lawline chat widget: <script src="https://…/widget.js"> adds a chat bubble to any page and talks Direct Line 3.0
 * to the server it came from (websocket, watermark reconnect, polling fallback). Options: data-title, data-open.
 * A classic script in ES5 style on purpose (it runs on other sites' pages, and needs document.currentScript,
 * which modules do not have); `// @ts-check` and the JSDoc types let `npm test` check it (tsconfig.browser.json).
 */

/**
 * The Direct Line conversation this tab talks in.
 * @typedef {{ id: string, token: string, streamUrl?: string }} Conv
 */
/**
 * A Direct Line activity, as far as the widget reads it.
 * @typedef {{ id?: string, type?: string, text?: string, from?: { role?: string },
 *   channelData?: { clientActivityID?: string, lawline?: { citations?: Citation[], downloads?: Download[] } } }} Activity
 */
/** A draft's download link: `path` is on the lawline host the widget talks to. @typedef {{ label: string, path: string }} Download */
/** @typedef {{ label?: string, law?: string, article?: number, text?: string }} Citation */
/** @typedef {{ activities?: Activity[], watermark?: string }} ActivitySet */
/** @typedef {Error & { status?: number }} HttpFailure */

(function () {
  'use strict';
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var page = /** @type {Window & { __lawlineWidget?: boolean }} */ (window);
  if (!script || page.__lawlineWidget) return;
  page.__lawlineWidget = true;
  var API = new URL('v3/directline', new URL('.', script.src)).href;
  var META = new URL('api/v1/meta', new URL('.', script.src)).href;
  var HOST = new URL('.', script.src).href;
  var FEEDBACK = new URL('api/v1/feedback', new URL('.', script.src)).href;
  var TITLE = script.getAttribute('data-title') || '清远公共法律服务 · 智能咨询';
  var KEY = 'lawline.dl', BIG = 'lawline.big';
  /** @type {Conv | null} */
  var conv = null;
  /** @type {Record<string, true>} */
  var seen = {};
  /** @type {Record<string, HTMLElement>} bubbles sent but not yet echoed back, by client activity id */
  var pending = {};
  /** @type {Promise<void> | null} */
  var starting = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  var pollTimer;
  /** @type {ReturnType<typeof setInterval> | 0} */
  var refreshing = 0;
  var watermark = '', failures = 0, polling = false;
  var open = false, unread = 0, retryDelay = 1000;
  /** The last question the citizen typed (a bare number only picks a choice): what a 有用 / 没用 vote is about. */
  var lastAsked = '';
  /** The conversation, where the code runs only once one is kept. */
  function current() { return /** @type {Conv} */ (conv); }

  var CSS = '.llw,.llw *{box-sizing:border-box}.llw{font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#111}.llw button{font:inherit;cursor:pointer}' +
    '.llw-fab{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;align-items:center;gap:6px;height:56px;padding:0 18px;border:0;border-radius:28px;background:#07c160;color:#fff;font-size:17px!important;box-shadow:0 4px 14px #0004}' +
    '.llw-fab svg{width:26px;height:26px;fill:#fff}.llw-dot{display:none;width:10px;height:10px;border-radius:50%;background:#fa5151}.llw-unread .llw-dot{display:block}' +
    '.llw-panel{position:fixed;inset:0;z-index:2147483001;display:flex;flex-direction:column;background:#ededed}.llw-panel[hidden]{display:none}' +
    '@media(min-width:600px){.llw-panel{inset:auto 20px 88px auto;width:400px;height:min(660px,calc(100vh - 110px));border-radius:12px;overflow:hidden;box-shadow:0 8px 30px #0005}}' +
    '.llw-head,.llw-form,.llw-note{background:#f7f7f7}.llw-head{display:flex;align-items:center;gap:8px;padding:10px 12px;border-bottom:1px solid #ddd}' +
    '.llw-head h2{flex:1;margin:0;font-size:1.05em}.llw-head button{min-width:44px;min-height:40px;border:1px solid #ccc;border-radius:6px;background:#fff}' +
    '.llw-head [aria-pressed=true]{background:#07c160;color:#fff}.llw-log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px}' +
    '.llw-msg{max-width:86%;padding:9px 12px;border-radius:8px;white-space:pre-wrap;word-break:break-word}' +
    '.llw-bot{align-self:flex-start;background:#fff}.llw-user{align-self:flex-end;background:#95ec69}.llw-pending{opacity:.6}.llw-failed{outline:2px solid #fa5151}' +
    '.llw-msg button{display:block;width:100%;margin-top:6px;padding:8px 10px;border:1px solid #07c160;border-radius:6px;background:#f3fff7;color:#06ad56;text-align:left}' +
    '.llw-msg button:disabled{border-color:#ccc;background:#f5f5f5;color:#888;cursor:default}' +
    '.llw-downloads a{display:inline-block;margin:8px 8px 0 0;padding:6px 12px;border-radius:4px;background:#07c160;color:#fff;text-decoration:none}' +
    '.llw-cites{margin-top:8px;padding-top:6px;border-top:1px solid #eee;font-size:.92em}.llw-cites summary{cursor:pointer;color:#576b95}.llw-cites p{margin:4px 0 6px;color:#444}' +
    '.llw-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.llw-typing{padding:0 14px 6px;color:#666;font-size:.9em}' +
    '.llw-form{display:flex;gap:8px;padding:8px 10px calc(8px + env(safe-area-inset-bottom));border-top:1px solid #ddd}' +
    '.llw-form textarea{flex:1;resize:none;min-height:44px;max-height:120px;padding:9px;border:1px solid #ccc;border-radius:6px;font:inherit}' +
    '.llw-form button{min-width:64px;border:0;border-radius:6px;background:#07c160;color:#fff}.llw-note{margin:0;padding:0 12px 6px;color:#666;font-size:.8em}' +
    '.llw-msg .llw-vote{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:8px;font-size:.9em;color:#666}' +
    '.llw-msg .llw-vote button{display:inline-block;width:auto;margin:0;padding:4px 14px;min-height:36px;text-align:center}' +
    '.llw-big{font-size:21px}.llw :focus-visible{outline:3px solid #1a73e8;outline-offset:2px}';

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string> | 0} [attrs]
   * @param {string} [text]
   * @param {Node[]} [kids]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, attrs, text, kids) {
    var e = document.createElement(tag);
    var a = attrs || {};
    for (var k in a) e.setAttribute(k, /** @type {string} */ (a[k]));
    if (text) e.textContent = text;
    (kids || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  // Storage can be missing or throw (private mode, sandboxed iframes); the widget then just forgets.
  /**
   * Reads `key` (no `value`) or writes it.
   * @param {'localStorage' | 'sessionStorage'} name
   * @param {string} key
   * @param {unknown} [value]
   * @returns {any}
   */
  function store(name, key, value) {
    try { var area = window[name]; if (value === undefined) return JSON.parse(/** @type {string} */ (area.getItem(key))); area.setItem(key, JSON.stringify(value)); } catch (e) { return null; }
  }

  // ---- DOM ----
  var root = el('div', { 'class': 'llw', lang: 'zh-CN' });
  root.appendChild(el('style', {}, CSS));
  var fab = el('button', { type: 'button', 'class': 'llw-fab', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'llw-panel', 'aria-label': '打开法律咨询对话' });
  fab.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.4 6.1L4.6 21l4.1-2.3c1 .3 2.1.4 3.3.4 5.5 0 10-3.6 10-8.1S17.5 3 12 3z"/></svg><span>法律咨询</span><span class="llw-dot" aria-hidden="true"></span>';
  var panel = el('div', { id: 'llw-panel', 'class': 'llw-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'llw-title', hidden: '' });
  var bigBtn = el('button', { type: 'button', 'aria-pressed': 'false', 'aria-label': '大字模式' }, '大字');
  var closeBtn = el('button', { type: 'button', 'aria-label': '关闭对话' }, '✕');
  var head = el('div', { 'class': 'llw-head' }, '', [el('h2', { id: 'llw-title' }, TITLE), bigBtn, closeBtn]);
  var log = el('div', { 'class': 'llw-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': '对话记录', tabindex: '0' });
  var typing = el('div', { 'class': 'llw-typing', role: 'status' });
  var input = el('textarea', { rows: '1', 'aria-label': '输入您的问题', placeholder: '请输入您的问题，回车发送' });
  var form = el('form', { 'class': 'llw-form' }, '', [input, el('button', { type: 'submit' }, '发送')]);
  var note = el('p', { 'class': 'llw-note' }, '智能助手提供的是法律信息，不是律师意见；紧急危险请拨打110。');
  [head, log, typing, form, note].forEach(function (c) { panel.appendChild(c); });
  root.appendChild(fab);
  root.appendChild(panel);

  /** @param {boolean} on */
  function setBig(on) {
    root.classList.toggle('llw-big', on);
    bigBtn.setAttribute('aria-pressed', String(on));
    store('localStorage', BIG, on);
  }

  // ---- rendering ----
  /**
   * @param {HTMLElement} parent
   * @param {string} text
   */
  function appendText(parent, text) {
    // Section heads like 【法律依据】 are shown bold; everything else is plain text (never HTML).
    text.split('\n').forEach(function (line, i) {
      if (i) parent.appendChild(document.createTextNode('\n'));
      var m = /^(【[^】]{1,12}】)(.*)$/.exec(line);
      if (m) { parent.appendChild(el('strong', {}, m[1])); line = m[2]; }
      if (line) parent.appendChild(document.createTextNode(line));
    });
  }

  // Numbered lines next to a "回复…" line are choices; numbered steps inside an answer are not.
  /**
   * @param {string[]} lines
   * @returns {(string | { choices: RegExpExecArray[] })[]}
   */
  function splitChoices(lines) {
    /** @type {(string | { choices: RegExpExecArray[] })[]} */
    var out = [];
    var i = 0, num = /^\s*(\d{1,2})[.．、]\s*(.+)$/;
    while (i < lines.length) {
      if (!num.test(lines[i])) { out.push(lines[i++]); continue; }
      var start = i;
      /** @type {RegExpExecArray[]} */
      var block = [];
      while (i < lines.length && num.test(lines[i])) block.push(/** @type {RegExpExecArray} */ (num.exec(lines[i++])));
      if (/回复/.test(lines[start - 1] || '') || /回复/.test(lines[i] || '')) out.push({ choices: block });
      else out.push.apply(out, lines.slice(start, i));
    }
    return out;
  }

  // Only the newest message's choices stay tappable: an old menu's "1" would answer the newest question.
  /** @type {HTMLButtonElement[]} */
  var liveChoices = [];
  /** @param {Activity} a */
  function renderBot(a) {
    liveChoices.forEach(function (b) { b.disabled = true; });
    liveChoices = [];
    var box = el('div', { 'class': 'llw-msg llw-bot' });
    box.appendChild(el('span', { 'class': 'llw-sr' }, '法律助手：'));
    var data = a.channelData && a.channelData.lawline, cites = data && Array.isArray(data.citations) ? data.citations : null;
    var text = a.text || '';
    var downloads = data && Array.isArray(data.downloads) ? data.downloads : [];
    // A draft's links come as buttons; the text's copies of them are for channels without buttons.
    if (downloads.length) text = text.split('\n').filter(function (l) { return l.indexOf('/api/v1/documents/download/') < 0; }).join('\n');
    /** @type {string | null} */
    var citeLine = null;
    text = text.replace(/\n*【引用法条】([^\n]*)/, function (_, /** @type {string} */ list) { citeLine = list; return ''; });
    /** @type {string[]} */
    var buf = [];
    splitChoices(text.split('\n')).forEach(function (part) {
      if (typeof part === 'string') return buf.push(part);
      if (buf.length) { appendText(box, buf.join('\n')); buf = []; }
      part.choices.forEach(function (m) {
        var b = el('button', { type: 'button' }, m[1] + '. ' + m[2]);
        b.onclick = function () { send(m[1]); };
        liveChoices.push(b);
        box.appendChild(b);
      });
    });
    if (buf.length) appendText(box, buf.join('\n'));
    // Structured citations (with the article text, folded) when the bot sent them; else the text's own list.
    /** @type {Citation[]} */
    var list = cites && cites.length ? cites : citeLine ? /** @type {string} */ (citeLine).split('；').map(function (s) { return { label: s }; }) : [];
    if (list.length) {
      var c = box.appendChild(el('div', { 'class': 'llw-cites' }, '', [el('strong', 0, '引用法条')]));
      list.forEach(function (x) {
        var label = x.label || '《' + x.law + '》第' + x.article + '条';
        c.appendChild(x.text ? el('details', 0, '', [el('summary', 0, label), el('p', 0, x.text)]) : el('div', 0, label));
      });
    }
    if (downloads.length) {
      var d = box.appendChild(el('div', { 'class': 'llw-downloads' }));
      downloads.forEach(function (x) {
        d.appendChild(el('a', { href: new URL(x.path.replace(/^\//, ''), HOST).href, target: '_blank', rel: 'noopener' }, '下载' + x.label));
      });
    }
    // An answer (it carries its structured parts) can be voted on: 有用 / 没用, about the question it answered.
    if (data && lastAsked) box.appendChild(voteBar(lastAsked));
    return box;
  }

  /**
   * 有用 / 没用 buttons posting POST /api/v1/feedback once; the result is announced in place.
   * @param {string} question
   */
  function voteBar(question) {
    var said = el('span', { role: 'status' }, '这个回答有用吗？');
    var yes = el('button', { type: 'button' }, '有用');
    var no = el('button', { type: 'button' }, '没用');
    var bar = el('div', { 'class': 'llw-vote', role: 'group', 'aria-label': '评价这个回答' }, '', [said, yes, no]);
    /** @param {boolean} helpful */
    function vote(helpful) {
      yes.disabled = no.disabled = true;
      fetch(FEEDBACK, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ conversationId: conv ? conv.id : undefined, question: question, helpful: helpful }),
      }).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        bar.removeChild(yes);
        bar.removeChild(no);
        said.textContent = helpful ? '谢谢您的反馈！' : '谢谢反馈，我们会改进这个回答。需要时可回复“转人工”。';
      }).catch(function () {
        yes.disabled = no.disabled = false;
        said.textContent = '反馈没有发出，请再试一次。';
      });
    }
    yes.onclick = function () { vote(true); };
    no.onclick = function () { vote(false); };
    return bar;
  }

  /** @param {string} text */
  function userBubble(text) {
    var box = el('div', { 'class': 'llw-msg llw-user' });
    box.appendChild(el('span', { 'class': 'llw-sr' }, '我：'));
    box.appendChild(document.createTextNode(text));
    return box;
  }

  /** @param {HTMLElement} node */
  function add(node) {
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
  }

  /** @param {Activity} a */
  function onActivity(a) {
    if (!a || !a.id || seen[a.id] || a.type !== 'message') return;
    seen[a.id] = true;
    var mine = a.from && a.from.role === 'user';
    var cid = a.channelData && a.channelData.clientActivityID;
    if (mine && cid && pending[cid]) {
      pending[cid].classList.remove('llw-pending', 'llw-failed');
      delete pending[cid];
      return;
    }
    add(mine ? userBubble(a.text || '') : renderBot(a));
    if (!mine) {
      typing.textContent = '';
      if (!open) { unread++; fab.classList.add('llw-unread'); fab.setAttribute('aria-label', '打开法律咨询对话（有' + unread + '条新消息）'); }
    }
  }

  /** @param {ActivitySet} set */
  function onSet(set) {
    (set.activities || []).forEach(onActivity);
    if (set.watermark) watermark = set.watermark;
  }

  // ---- Direct Line ----
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  function call(method, path, body) {
    /** @type {Record<string, string>} */
    var headers = { 'Content-Type': 'application/json' };
    if (conv) headers.Authorization = 'Bearer ' + conv.token;
    return fetch(API + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (r) {
      if (!r.ok) { var e = /** @type {HttpFailure} */ (new Error('HTTP ' + r.status)); e.status = r.status; throw e; }
      return r.json();
    });
  }

  /** @param {string} [p] */
  function cpath(p) { return '/conversations/' + encodeURIComponent(current().id) + (p || ''); }
  // Retries back off from 1 s to 15 s, like DirectLineJS's 3–15 s.
  /** @param {() => void} fn */
  function later(fn) {
    setTimeout(fn, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  /** @param {{ conversationId: string, token: string, streamUrl: string }} c */
  function keep(c) {
    conv = { id: c.conversationId, token: c.token, streamUrl: c.streamUrl };
    store('sessionStorage', KEY, { id: conv.id, token: conv.token });
  }

  // The message length limit is the server's (one definition, served by /api/v1/meta), not a copy kept here.
  function loadLimits() {
    fetch(META).then(function (r) { return r.ok ? r.json() : null; }).then(function (meta) {
      if (meta && typeof meta.maxMessageChars === 'number') input.maxLength = meta.maxMessageChars;
    }).catch(function () { /* the server refuses an over-long message anyway */ });
  }

  function start() {
    if (starting) return starting;
    loadLimits();
    var saved = store('sessionStorage', KEY);
    // Resuming in the same tab replays the whole conversation (no watermark), since the page was reloaded.
    var resume = saved && saved.id ? (conv = saved, call('GET', cpath())) : Promise.reject();
    starting = resume.catch(function () { conv = null; return call('POST', '/conversations', { locale: 'zh-CN' }); })
      .then(function (c) { keep(c); connect(); refreshing = refreshing || setInterval(refresh, 15 * 60 * 1000); })
      .catch(function () { starting = null; typing.textContent = '暂时连不上服务，请稍后再试，或拨打12348公共法律服务热线。'; throw new Error('offline'); });
    return starting;
  }

  function refresh() {
    if (conv) call('POST', '/tokens/refresh').then(function (r) { current().token = r.token; store('sessionStorage', KEY, { id: current().id, token: current().token }); }, function () {});
  }

  function connect() {
    if (polling || !window.WebSocket || failures >= 2) return poll();
    var opened = false;
    var ws;
    try { ws = new WebSocket(/** @type {string} */ (current().streamUrl)); } catch (e) { failures = 2; return poll(); }
    ws.onopen = function () { opened = true; failures = 0; retryDelay = 1000; };
    ws.onmessage = function (e) { if (e.data) onSet(JSON.parse(e.data)); };
    ws.onclose = function () {
      if (!opened) failures++;
      later(reconnect);
    };
  }

  function reconnect() {
    if (conv) call('GET', cpath('?watermark=' + watermark)).then(function (c) {
      current().token = c.token;
      current().streamUrl = c.streamUrl;
      connect();
    }, function (/** @type {HttpFailure} */ e) {
      // The conversation is gone or its token expired: the next message starts a new one.
      if (e.status === 401 || e.status === 403 || e.status === 404) { conv = starting = null; store('sessionStorage', KEY, null); } else later(reconnect);
    });
  }

  function poll() {
    polling = true;
    clearTimeout(pollTimer);
    if (conv) call('GET', cpath('/activities?watermark=' + watermark))
      .then(onSet, function () {})
      .then(function () { pollTimer = setTimeout(poll, open ? 1500 : 6000); });
  }

  /**
   * @param {string} text
   * @param {HTMLElement} [retryOf] the failed bubble to send again
   */
  function send(text, retryOf) {
    text = String(text).trim();
    if (!text) return;
    if (!/^\d{1,2}$/.test(text)) lastAsked = text.slice(0, 2000);
    var cid = 'w' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    var bubble = retryOf || userBubble(text);
    bubble.className = 'llw-msg llw-user llw-pending';
    var old = bubble.querySelector('button');
    if (old) bubble.removeChild(old);
    pending[cid] = bubble;
    if (!retryOf) add(bubble);
    typing.textContent = '正在查找相关法律规定…';
    start().then(function () {
      return call('POST', cpath('/activities'), { type: 'message', text: text, locale: 'zh-CN', channelData: { clientActivityID: cid } });
    }).then(function () {
      if (polling) poll();
    }, function () {
      typing.textContent = '';
      if (!pending[cid]) return;
      delete pending[cid];
      bubble.classList.add('llw-failed');
      var b = el('button', { type: 'button' }, '发送失败，点这里重试');
      b.onclick = function () { send(text, bubble); };
      bubble.appendChild(b);
    });
  }

  // ---- behaviour ----
  /** @param {boolean} on */
  function show(on) {
    open = on;
    panel.hidden = !on;
    fab.setAttribute('aria-expanded', String(on));
    if (on) {
      unread = 0;
      fab.classList.remove('llw-unread');
      fab.setAttribute('aria-label', '打开法律咨询对话');
      start().catch(function () {});
      log.scrollTop = log.scrollHeight;
      input.focus();
    } else {
      fab.focus();
    }
  }

  fab.onclick = function () { show(!open); };
  closeBtn.onclick = function () { show(false); };
  bigBtn.onclick = function () { setBig(bigBtn.getAttribute('aria-pressed') !== 'true'); };
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') { e.preventDefault(); show(false); } });
  input.addEventListener('keydown', function (e) {
    // Enter sends; Shift+Enter breaks the line; Enter while an IME is composing Chinese must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : submit(e); }
  });
  /** @param {Event} e */
  function submit(e) {
    e.preventDefault();
    var text = input.value;
    input.value = '';
    send(text);
    input.focus();
  }
  form.addEventListener('submit', submit);

  function mount() {
    document.body.appendChild(root);
    setBig(store('localStorage', BIG) === true);
    if (/** @type {HTMLScriptElement} */ (script).getAttribute('data-open') === 'true') show(true);
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
