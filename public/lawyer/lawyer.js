// @ts-check
/*
 * Duty-lawyer console: login, presence (with an idle timeout), the queue, accept, the conversation with the
 * bot's summary and transcript, canned replies, send, private notes, close or return to the bot; callback
 * requests are callbacks.js. Session and API calls are the staff client (../staff/client.js), shared with the
 * 12348 console; the intent labels come from the server (GET /api/v1/meta).
 * The queue is pushed by the server (GET /handoff/queue/stream: the whole queue, then changes; ../staff/queue-stream.js
 * reads them and hands over the whole queue rebuilt); while the stream is
 * down the queue is polled every 2 s and the stream retried with backoff. The open chat's messages are fetched when
 * the stream says one arrived, and every 2 s besides. All text goes in with textContent (never as HTML).
 */
import { $, button, field } from '../staff/dom.js';
import { createStaffClient, loadMeta, request } from '../staff/client.js';
import * as queueStream from '../staff/queue-stream.js';
import * as callbacks from './callbacks.js';

/** @typedef {import('../staff/queue-stream.js').Queue} Queue */
/** @typedef {import('../staff/client.js').ApiResponse} ApiResponse */
/**
 * A ticket as GET /api/v1/handoff/:id/messages gives it, as far as the page reads it (src/handoff/handoff-types.ts).
 * @typedef {object} Ticket
 * @property {string} id
 * @property {string} status
 * @property {string} channelId
 * @property {string | null} countyName
 * @property {string | null} priorityReason
 * @property {Partial<Summary> | null} summary
 * @property {{ from: 'citizen' | 'bot', text: string }[]} transcript
 */
/**
 * What the bot understood (HandoffSummary).
 * @typedef {object} Summary
 * @property {string | null} intent
 * @property {string | null} topic
 * @property {number | null} topicConfidence
 * @property {'emergency' | null} risk
 * @property {{ text: string }[]} entities
 * @property {string | null} eligibility
 * @property {string} [note]
 */

const POLL_MS = 2000;
const IDLE_MS = 10 * 60 * 1000; // no mouse or key for this long → offline
const EXPIRED = '登录已过期，请重新登录。';
/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 */
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
/** A label from a map, or the value itself when the map does not know it. @param {Record<string, string>} map @param {string} key */
const label = (map, key) => map[key] || key;

const CANNED = [
  '您好，我是值班律师，请问有什么可以帮您？',
  '请您说一下事情的经过和大概时间。',
  '请问您手上有合同、聊天记录、转账记录等材料吗？',
  '建议您带上身份证和相关材料到当地公共法律服务中心咨询，具体地址和办公时间请拨打12348核实。',
  '如果您符合条件，可以申请法律援助（免费律师）。',
  '感谢您的咨询，如还有问题可以随时再联系。',
];
/**
 * The Chinese for the hand-off's codes (priority, decision, language, channel), from their one definition on the
 * server (GET /api/v1/meta); until it arrives, or if it cannot, a code is shown as it is.
 * @type {import('../staff/client.js').Meta['labels']}
 */
let labels = { priority: {}, decision: {}, meansTest: {}, language: {}, channel: {} };

// Only lawyer (and admin) logins are kept; a refused token logs out.
const client = createStaffClient({ name: 'lawyer', roles: ['lawyer', 'admin'], onExpired: () => logout(EXPIRED) });
const { session } = client;
/**
 * @type {{ current: string | null, lastId: number, timer: ReturnType<typeof setInterval> | undefined, lastActive: number,
 *   presence: string, stream: { stop(): void } | null, streaming: boolean, lastQueue: Queue | null, queueAt: number,
 *   callbacks: callbacks.CallbacksPanel | null }}
 */
const state = { current: null, lastId: 0, timer: undefined, lastActive: Date.now(), presence: 'offline',
  stream: null, streaming: false, lastQueue: null, queueAt: 0, callbacks: null };
// County ids → names as seen in queue items (the callbacks API gives only the id).
/** @type {Map<string, string>} */
const countyNames = new Map();

/**
 * A call with the session's token, answered whatever its status (a refused token logs out first and rejects).
 * @param {string} method
 * @param {string} path under /api/v1
 * @param {unknown} [body]
 * @returns {Promise<ApiResponse>}
 */
const api = (method, path, body) => client.call(method, path, body);

/** @param {string} [text] */
function notice(text) { const n = $('notice'); n.textContent = text || ''; n.hidden = !text; }
/** @param {number} ms */
const minutes = (ms) => (ms < 60000 ? `${Math.max(1, Math.round(ms / 1000))}秒` : `${Math.round(ms / 60000)}分钟`);

/** @param {boolean} loggedIn */
function show(loggedIn) {
  $('login-view').hidden = loggedIn;
  $('console-view').hidden = !loggedIn;
  $('who').hidden = !loggedIn;
  if (loggedIn) $('who-name').textContent = `律师：${session.user}`;
}

/** @param {SubmitEvent} event */
async function login(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  const { status, data } = await client.login(field('username').value, field('password').value);
  if (status !== 200) { $('login-error').textContent = status === 429 ? '登录失败次数过多，请稍后再试。' : '用户名或密码不正确。'; return; }
  if (data.role !== 'lawyer' && data.role !== 'admin') { $('login-error').textContent = '该账号不是律师账号。'; return; }
  field('password').value = '';
  await start();
}

/** @param {string} [message] */
function logout(message) {
  // Straight to the server, not through client.call: a refused token here must not log out a second time.
  if (session.token && state.presence !== 'offline') request('PUT', '/lawyers/me/presence', { token: session.token, body: { status: 'offline' } }).catch(() => {});
  session.clear();
  clearInterval(state.timer);
  stopStream();
  state.callbacks?.stop();
  state.current = null;
  show(false);
  notice(message || '');
}

/** @param {string} status */
async function setPresence(status) {
  const { status: code, data } = await api('PUT', '/lawyers/me/presence', { status });
  if (code !== 200) { notice(code === 403 ? '您不在值班名单上，无法接收转接，请联系管理员。' : `状态未能更新：${data.error || code}`); return; }
  state.presence = status;
  field('presence').value = status;
  notice(status === 'online' && !data.onShift ? '现在不在您的值班时段内，不会收到转接。' : '');
}

// Waiting times are as of the snapshot; re-rendering an older one adds the time since it arrived.
/** @param {Queue} q */
function showQueue(q) {
  state.lastQueue = q;
  state.queueAt = Date.now();
  for (const t of [...q.queue, ...q.mine]) if (t.county && t.countyName) countyNames.set(t.county, t.countyName);
  renderQueue(q, 0);
}

/**
 * @param {Queue} q
 * @param {number} age ms since the snapshot arrived
 */
function renderQueue(q, age) {
  state.presence = q.presence;
  if (document.activeElement !== $('presence')) field('presence').value = q.presence;
  $('queue-count').textContent = String(q.queue.length);
  $('shift').textContent = q.onShift ? `值班中 · 最多同时${q.capacity}个会话` : '当前不在值班时段';
  const list = $('queue');
  list.replaceChildren(...q.queue.map((t) => {
    const li = el('li', t.offeredToMe ? 'offered' : '');
    li.append(el('strong', '', `第${t.position}位 `));
    if (t.priorityReason) li.append(el('span', `badge ${t.priority === 0 ? 'urgent' : 'group'}`, label(labels.priority, t.priorityReason)));
    li.append(el('span', 'badge', t.topic || '未识别主题'), el('span', 'badge', t.countyName || '地区未知'), el('span', 'badge', label(labels.channel, t.channelId)));
    li.append(el('span', 'who-line', `已等待${minutes(t.waitingMs + age)} · ${label(labels.language, t.language)}${t.offeredToMe ? ` · 已分配给您，请在${Math.max(0, Math.round(((t.offerExpiresAt ?? 0) - Date.now()) / 1000))}秒内接入` : ''}`));
    const take = el('button', '', '接入');
    take.type = 'button';
    take.disabled = !(t.offeredToMe || t.status === 'queued');
    take.setAttribute('aria-label', `接入第${t.position}位`);
    take.addEventListener('click', () => accept(t.id));
    li.append(take);
    return li;
  }));
  $('mine').replaceChildren(...q.mine.map((t) => {
    const li = el('li', t.id === state.current ? 'current' : '');
    const open = el('button', 'secondary', `${t.topic || '会话'} · ${t.countyName || '地区未知'}`);
    open.type = 'button';
    open.addEventListener('click', () => openChat(t.id));
    li.append(open);
    return li;
  }));
}

/** @param {string} id */
async function accept(id) {
  const { status, data } = await api('POST', `/handoff/${encodeURIComponent(id)}/accept`);
  if (status !== 200) { notice(status === 409 ? `无法接入：${/capacity/.test(data.error) ? '已达到同时会话上限' : '已被其他律师接入或已取消'}` : `接入失败：${data.error || status}`); return; }
  notice('');
  await openChat(id);
  await tick();
}

/**
 * The bot's summary of a ticket, as definition-list rows.
 * @param {Ticket} t
 * @param {Record<string, string>} intents intent → label (GET /api/v1/meta)
 */
function summaryRows(t, intents) {
  const s = t.summary || {};
  /** @type {[string, string][]} */
  const rows = [
    ['来源', label(labels.channel, t.channelId)],
    ['意图', (s.intent && intents[s.intent]) || s.intent || '—'],
    ['主题', s.topic ? `${s.topic}${s.topicConfidence ? `（置信度${Math.round(s.topicConfidence * 100)}%）` : ''}` : '—'],
    ['地区', t.countyName || '—'],
    ['风险', s.risk === 'emergency' ? '⚠ 可能有人身危险' : '—'],
    ['优先', t.priorityReason ? label(labels.priority, t.priorityReason) : '—'],
    ['法律援助自查', s.eligibility ? label(labels.decision, s.eligibility) : '未做'],
    ['识别到的信息', [...new Set((s.entities || []).map((e) => e.text))].join('、') || '—'],
  ];
  if (s.note) rows.push(['坐席摘要', s.note]);
  return rows.flatMap(([k, v]) => [el('dt', '', k), el('dd', '', v)]);
}

/** @param {string} id */
async function openChat(id) {
  state.current = id;
  state.lastId = 0;
  $('messages').replaceChildren();
  // The intent labels come with the chat; without them (meta unreachable) the summary shows the intent's code.
  const [{ status, data }, intents] = await Promise.all([
    api('GET', `/handoff/${encodeURIComponent(id)}/messages`),
    loadMeta().then((m) => m.intents, () => ({})),
  ]);
  if (status !== 200) { notice(status === 403 ? '只有接入该会话的律师可以查看。' : `无法打开会话：${data.error || status}`); return; }
  $('chat').hidden = false;
  $('empty').hidden = true;
  const ticket = /** @type {Ticket} */ (data.ticket);
  $('chat-title').textContent = `会话 ${ticket.id}`;
  $('summary').replaceChildren(...summaryRows(ticket, intents));
  $('transcript').replaceChildren(...ticket.transcript.map((l) => el('li', `t-${l.from}`, `${l.from === 'citizen' ? '群众' : '智能助手'}：${l.text}`)));
  appendMessages(data.messages);
  renderWindow(data.window, ticket.status);
  $('reply').focus();
}

/** @param {{ id: number, kind: 'citizen' | 'lawyer' | 'system' | 'note', text: string, at: number, delivered?: boolean }[]} messages */
function appendMessages(messages) {
  const box = $('messages');
  // A pushed refresh and the 2 s one can overlap: a message already shown is skipped.
  const fresh = messages.filter((m) => m.id > state.lastId);
  for (const m of fresh) {
    const who = { citizen: '群众', lawyer: '我', system: '系统通知', note: '私密备注' }[m.kind];
    const li = el('li', `m-${m.kind}${m.delivered === false ? ' m-failed' : ''}`);
    li.append(el('span', 'who-line', `${who} · ${new Date(m.at).toLocaleTimeString('zh-CN')}${m.delivered === false ? ' · 未送达' : ''}`), document.createTextNode(m.text));
    box.append(li);
    state.lastId = Math.max(state.lastId, m.id);
  }
  if (fresh.length) box.scrollTop = box.scrollHeight;
}

/**
 * The WeChat customer-service window (48 h, 5 messages) as a line of text, and the send controls it allows.
 * @param {{ open: boolean, reason?: string, remaining: number | null }} w
 * @param {string} status the ticket's
 */
function renderWindow(w, status) {
  const closed = status !== 'assigned';
  let text = '';
  if (closed) text = '该会话已结束。';
  else if (!w.open) text = w.reason === 'quota' ? '微信限制：群众回复前最多发送5条消息，现已用完，请等待群众回复。' : '微信限制：群众超过48小时未回复，暂时无法发送消息。';
  else if (w.remaining !== null) text = `微信限制：群众再次回复前还可以发送${w.remaining}条消息，请尽量合并成一条。`;
  $('window').textContent = text;
  for (const id of ['reply', 'close-chat', 'return-bot']) button(id).disabled = closed;
  /** @type {HTMLButtonElement} */ ($('send-form').querySelector('button')).disabled = closed || !w.open;
}

/** @param {SubmitEvent} event */
async function send(event) {
  event.preventDefault();
  const text = field('reply').value.trim();
  if (!text || !state.current) return;
  const { status, data } = await api('POST', `/handoff/${encodeURIComponent(state.current)}/messages`, { text });
  if (status === 409 && data.code === 'wechat_window_closed') { renderWindow(data.window, 'assigned'); $('send-error').textContent = '未发送：微信消息窗口已关闭。'; return; }
  if (status !== 201) { $('send-error').textContent = `未发送：${data.error || status}`; return; }
  $('send-error').textContent = data.delivered ? '' : '消息已保存，但未能送达群众（渠道暂不可用）。';
  field('reply').value = '';
  await refreshChat();
}

/** @param {SubmitEvent} event */
async function addNote(event) {
  event.preventDefault();
  const text = field('note').value.trim();
  if (!text || !state.current) return;
  const { status } = await api('POST', `/handoff/${encodeURIComponent(state.current)}/notes`, { text });
  if (status === 201) { field('note').value = ''; await refreshChat(); }
}

/** @param {boolean} returnToBot */
async function closeChat(returnToBot) {
  if (!state.current) return;
  const { status, data } = await api('POST', `/handoff/${encodeURIComponent(state.current)}/close`, { returnToBot });
  if (status !== 200) { notice(`未能结束：${data.error || status}`); return; }
  notice(returnToBot ? '已交回智能助手，群众将收到评价邀请。' : '会话已结束，群众将收到评价邀请。');
  await refreshChat();
  await tick();
}

async function refreshChat() {
  if (!state.current) return;
  const { status, data } = await api('GET', `/handoff/${encodeURIComponent(state.current)}/messages?after=${state.lastId}`);
  if (status !== 200) return;
  appendMessages(data.messages);
  renderWindow(data.window, data.ticket.status);
}

/** Every 2 s: the idle check, the queue (polled only while the stream is down) and the open chat. */
async function tick() {
  if (!session.token) return;
  if (state.presence !== 'offline' && Date.now() - state.lastActive > IDLE_MS) {
    await setPresence('offline');
    notice('长时间无操作，已自动切换为离线。需要接收转接时请改回“在线”。');
  }
  if (!state.streaming) {
    const { status, data } = await api('GET', '/handoff/queue');
    if (status === 200) showQueue(data);
  } else if (state.lastQueue) {
    renderQueue(state.lastQueue, Date.now() - state.queueAt);
  }
  await refreshChat();
}

/** Holds the queue stream open (../staff/queue-stream.js); while it is down, tick() polls the queue. */
function startStream() {
  stopStream();
  if (!session.token || !queueStream.supported) return;
  state.stream = queueStream.connect(session.token, {
    onQueue: showQueue,
    // A message in a chat of mine: fetch it now if that chat is open (the 2 s refresh stays as the fallback).
    onChat: (ticketId) => { if (ticketId === state.current) refreshChat().catch(() => {}); },
    onState: (up) => { state.streaming = up; },
    onUnauthorised: () => logout(EXPIRED),
  });
}

function stopStream() {
  state.stream?.stop();
  state.stream = null;
  state.streaming = false;
}

async function start() {
  // The labels first, so the queue's first picture already reads in Chinese.
  labels = await loadMeta().then((m) => m.labels, () => labels);
  show(true);
  clearInterval(state.timer);
  state.timer = setInterval(() => { tick().catch(() => {}); }, POLL_MS);
  startStream();
  state.callbacks?.start();
  tick().catch(() => {});
}

function init() {
  $('login-form').addEventListener('submit', (e) => { login(e).catch(() => { $('login-error').textContent = '无法连接服务器，请稍后再试。'; }); });
  $('logout').addEventListener('click', () => logout());
  $('presence').addEventListener('change', () => { setPresence(field('presence').value).catch(() => {}); });
  $('send-form').addEventListener('submit', (e) => { send(e).catch(() => {}); });
  $('note-form').addEventListener('submit', (e) => { addNote(e).catch(() => {}); });
  $('reply').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); /** @type {HTMLFormElement} */ ($('send-form')).requestSubmit(); } });
  $('close-chat').addEventListener('click', () => { closeChat(false).catch(() => {}); });
  $('return-bot').addEventListener('click', () => { closeChat(true).catch(() => {}); });
  $('canned').replaceChildren(...CANNED.map((text) => {
    const b = el('button', '', text.length > 14 ? `${text.slice(0, 14)}…` : text);
    b.type = 'button';
    b.title = text;
    b.addEventListener('click', () => { const reply = field('reply'); reply.value = reply.value ? `${reply.value}\n${text}` : text; reply.focus(); });
    return b;
  }));
  state.callbacks = callbacks.create({ api, notice, countyName: (id) => countyNames.get(id) || null });
  for (const ev of ['mousemove', 'keydown', 'click', 'touchstart']) document.addEventListener(ev, () => { state.lastActive = Date.now(); }, { passive: true });
  if (session.token) start().catch(() => {}); else show(false);
}
document.addEventListener('DOMContentLoaded', init);

