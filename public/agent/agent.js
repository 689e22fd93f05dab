// @ts-check
/**
 * @module public/agent/agent
 * The 12348 hotline agent console: log in, type the caller's words, see the suggested answer with its
 * sources, run a quick legal-aid check, copy a one-message SMS and hand the call to a duty lawyer. Plain DOM; all
 * text goes in as textContent. Session and API calls are the staff client (../staff/client.js), shared with the
 * duty-lawyer console; the low-confidence threshold comes from the server (GET /api/v1/meta).
 */
import { $, button, field } from '../staff/dom.js';
import { createStaffClient, loadMeta } from '../staff/client.js';

/**
 * The body of POST /api/v1/assist, as far as the page reads it (src/agent-assist/assist-service.ts, AssistResult).
 * @typedef {object} Analysis
 * @property {string} intentLabel
 * @property {string} domain
 * @property {number} confidence
 * @property {'emergency' | null} risk
 * @property {string[]} safetySteps
 * @property {string} answer
 * @property {{ question: string } | null} faq
 * @property {{ law: string, article: number, paragraphs?: number[], text: string }[]} citations
 * @property {{ id: string, year: number, title: string }[]} cases
 * @property {{ title: string }[]} guides
 * @property {Hints} eligibilityHints
 * @property {string} smsSummary
 */
/**
 * What the analysis heard that the legal-aid quick form asks for.
 * @typedef {{ matter?: string, householdSize?: number, monthlyIncome?: number, age?: number, county?: string, groups: string[] }} Hints
 */

const DEBOUNCE_MS = 300;
/** @type {Record<string, string>} */

/**
 * An element with properties (attributes for role and aria-*) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [props]
 * @param {(Node | string)[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'role' || key.startsWith('aria-')) node.setAttribute(key, String(value));
    else /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (node))[key] = value;
  }
  for (const c of children) node.append(c);
  return node;
};
/** The status and message of a refused call (an ApiError), or a network error's message. @param {unknown} err */
const failure = (err) => /** @type {{ status?: number, message: string, name: string }} */ (err);

// A refused token (expired, account removed) brings back the login form.
const client = createStaffClient({ name: 'agent', onExpired: () => showLogin('登录已过期，请重新登录。') });
const { session } = client;
/**
 * GET (no body) or POST (a JSON body) under /api/v1 with the token; rejects with an ApiError unless 2xx.
 * @param {string} path
 * @param {unknown} [body]
 * @param {AbortSignal} [signal]
 */
const api = (path, body, signal) => client.json(body === undefined ? 'GET' : 'POST', path, body, signal);

// ---- login / logout ----
function showLogin(message = '') {
  session.clear();
  $('console-view').hidden = true;
  $('who').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message;
  $('username').focus();
}

async function showConsole() {
  $('login-view').hidden = true;
  $('console-view').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = `坐席：${session.user}`;
  $('caller-text').focus();
  try {
    fillOptions(await api('/assist/options'));
  } catch (e) {
    const err = failure(e);
    setStatus(err.status === 403 ? '您的账号无权使用坐席辅助（需要坐席或管理员角色）。' : err.message, true);
  }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = field('username').value.trim();
  const password = field('password').value;
  if (!username || !password) { $('login-error').textContent = '请输入用户名和密码。'; return; }
  try {
    const { status, ok, data } = await client.login(username, password);
    if (status === 401) { $('login-error').textContent = '用户名或密码错误。'; return; }
    if (status === 429) { $('login-error').textContent = '登录失败次数过多，请稍后再试。'; return; }
    if (!ok) { $('login-error').textContent = data.error || `请求失败（${status}）`; return; }
    field('password').value = '';
    await showConsole();
  } catch (e) {
    $('login-error').textContent = failure(e).message;
  }
});
$('logout').addEventListener('click', () => { resetCall(); showLogin('已退出登录。'); });
$('new-call').addEventListener('click', () => { resetCall(); $('caller-text').focus(); });

// ---- analysis as the agent types ----
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/** @type {AbortController | null} */
let inFlight = null;
let lastText = '';
/** @type {Analysis | null} the last analysis */
let current = null;

/**
 * @param {string} text
 * @param {boolean} [isError]
 */
function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

async function analyse() {
  clearTimeout(timer);
  const text = field('caller-text').value.trim();
  if (!text || text === lastText) return;
  lastText = text;
  inFlight?.abort();
  const controller = (inFlight = new AbortController());
  setStatus('正在分析……');
  try {
    // The threshold comes with the first analysis (fetched once per page).
    const [result, meta] = await Promise.all([api('/assist', { text }, controller.signal), loadMeta()]);
    if (controller !== inFlight) return; // a newer request is under way
    render(result, meta.lowConfidence);
    setStatus('分析完成。');
  } catch (e) {
    const err = failure(e);
    if (err.name === 'AbortError') return;
    lastText = '';
    setStatus(err.status === 403 ? '您的账号无权使用坐席辅助。' : `分析失败：${err.message}`, true);
  }
}

const caller = field('caller-text');
caller.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(analyse, DEBOUNCE_MS); });
caller.addEventListener('keydown', (event) => {
  // Enter confirms an IME composition first; only a plain Enter outside composition means "analyse now".
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  lastText = '';
  analyse();
});

/**
 * @param {string} text
 * @param {string} cls
 * @param {string} label
 */
function badge(text, cls, label) {
  return el('span', { className: `badge ${cls}`, textContent: text, title: label, 'aria-label': `${label}：${text}` });
}

/**
 * Shows an analysis.
 * @param {Analysis} r
 * @param {number} lowConfidence below this the answer is marked unsure (GET /api/v1/meta)
 */
function render(r, lowConfidence) {
  current = r;
  $('emergency').hidden = r.risk !== 'emergency';
  $('safety-steps').replaceChildren(...r.safetySteps.map((s) => el('li', { textContent: s })));
  const badges = [badge(r.intentLabel, 'intent', '诉求'), badge(r.domain, 'topic', '话题'),
    badge(`可信度 ${Math.round(r.confidence * 100)}%`, r.confidence < lowConfidence ? 'low' : '', '答复可信度')];
  badges[0].id = 'intent-badge';
  badges[1].id = 'topic-badge';
  if (r.risk === 'emergency') badges.unshift(badge('紧急', 'danger', '风险'));
  if (r.confidence < lowConfidence) badges.push(badge('把握不大，建议转值班律师', 'low', '提示'));
  if (r.faq) badges.push(badge(`问答库：${r.faq.question}`, '', '匹配的问答'));
  $('badges').replaceChildren(...badges);
  $('answer').textContent = r.answer;
  $('citations').replaceChildren(...(r.citations.length ? r.citations.map((c, i) => el('details', { open: i === 0 },
    el('summary', { textContent: `《${c.law}》第${c.article}条${(c.paragraphs || []).map((p) => `第${p}款`).join('、')}` }), el('p', { textContent: c.text })))
    : [el('p', { className: 'empty', textContent: '无' })]));
  listInto('cases', r.cases.map((c) => `${c.title}（${c.year}年，${c.id}）`));
  listInto('guides', r.guides.map((g) => g.title));
  $('sms-text').textContent = r.smsSummary;
  $('sms-length').textContent = `共${[...r.smsSummary].length}字（一条短信70字以内）`;
  button('copy-sms').disabled = !r.smsSummary;
  $('copy-status').textContent = '';
  prefill(r.eligibilityHints);
}

/**
 * @param {string} id
 * @param {string[]} items
 */
function listInto(id, items) {
  $(id).replaceChildren(...(items.length ? items.map((t) => el('li', { textContent: t })) : [el('li', { className: 'empty', textContent: '无' })]));
}

function resetCall() {
  clearTimeout(timer);
  inFlight?.abort();
  lastText = '';
  current = null;
  touched.clear();
  caller.value = '';
  $('emergency').hidden = true;
  for (const id of ['badges', 'citations', 'cases', 'guides', 'elig-result', 'copy-status', 'escalate-result']) $(id).replaceChildren();
  field('escalate-phone').value = '';
  $('answer').textContent = '在左侧输入来电人的话后，这里显示建议答复。';
  $('sms-text').textContent = '（分析后生成）';
  $('sms-length').textContent = '';
  button('copy-sms').disabled = true;
  /** @type {HTMLFormElement} */ ($('elig-form')).reset();
  setStatus('');
}

// ---- SMS copy ----
/** @param {string} text */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers, or no clipboard permission: copy through a selected off-screen textarea.
    const area = el('textarea', { value: text, readOnly: true });
    area.style.position = 'fixed';
    area.style.left = '-9999px';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
$('copy-sms').addEventListener('click', async () => {
  if (!current) return;
  const ok = await copyText(current.smsSummary);
  $('copy-status').textContent = ok ? '已复制' : '复制失败，请手动选择短信内容复制';
});

// ---- eligibility quick form ----
/** @type {Set<string>} */
const touched = new Set(); // fields the agent changed by hand are not overwritten by later hints
$('elig-form').addEventListener('input', (event) => {
  const { name } = /** @type {HTMLInputElement} */ (event.target);
  touched.add(name === 'group' ? 'groups' : name);
});

/** @typedef {{ value: string, label: string }} Option */
/** @param {{ matters: Option[], counties: string[], groups: Option[] }} options GET /api/v1/assist/options */
function fillOptions(options) {
  $('elig-matter').replaceChildren(...options.matters.map((m) => el('option', { value: m.value, textContent: m.label })));
  field('elig-matter').value = 'other_civil';
  $('elig-county').replaceChildren(el('option', { value: '', textContent: '不清楚' }), ...options.counties.map((c) => el('option', { value: c, textContent: c })));
  $('elig-groups').replaceChildren(...options.groups.map((g) => el('label', {},
    el('input', { type: 'checkbox', name: 'group', value: g.value }), g.label)));
}

/**
 * Fills the quick form from what the analysis heard, leaving the fields the agent changed.
 * @param {Hints} h
 */
function prefill(h) {
  /**
   * @param {string} name
   * @param {string} id
   * @param {string | number | undefined} value
   */
  const set = (name, id, value) => { if (!touched.has(name)) field(id).value = String(value ?? ''); };
  set('matter', 'elig-matter', h.matter);
  set('size', 'elig-size', h.householdSize);
  set('income', 'elig-income', h.monthlyIncome);
  set('age', 'elig-age', h.age);
  set('county', 'elig-county', h.county);
  if (!touched.has('groups')) {
    const boxes = /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('#elig-groups input'));
  for (const box of boxes) box.checked = h.groups.includes(box.value);
  }
}

function eligibilityRequest() {
  /** @param {string} id */
  const num = (id) => (field(id).value === '' ? undefined : Number(field(id).value));
  const groups = [...document.querySelectorAll('#elig-groups input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value);
  /** @type {Record<string, unknown>} */
  const body = { id: `agent-${Date.now()}`, matter: field('elig-matter').value };
  const applicant = { age: num('elig-age'), groups: groups.length ? groups : undefined };
  const household = { size: num('elig-size'), monthlyIncome: num('elig-income') };
  if (applicant.age !== undefined || applicant.groups) body.applicant = applicant;
  if (household.size !== undefined || household.monthlyIncome !== undefined) body.household = household;
  if (field('elig-county').value) body.county = field('elig-county').value;
  return JSON.parse(JSON.stringify(body)); // drops undefined fields
}

$('elig-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('elig-result');
  out.replaceChildren(el('p', { textContent: '正在核查……' }));
  try {
    // The decision's label is the server's (GET /api/v1/meta), as on the duty-lawyer console.
    const [r, labels] = await Promise.all([api('/eligibility', eligibilityRequest()), loadMeta().then((m) => m.labels, () => null)]);
    /** @type {Record<string, string>} */
    const decisionLabels = labels?.decision ?? {};
    /** @type {Record<string, string>} */
    const means = labels?.meansTest ?? {};
    /**
     * @param {string} title
     * @param {string[]} items
     */
    const section = (title, items) => (items.length ? [el('h3', { textContent: title }), el('ul', {}, ...items.map((t) => el('li', { textContent: t })))] : []);
    out.replaceChildren(
      el('p', { id: 'elig-decision', className: `decision ${r.decision}`, textContent: decisionLabels[r.decision] || r.decision }),
      el('p', { textContent: r.meansTest ? means[r.meansTest] || r.meansTest : '经济困难审查：不适用' }),
      ...section('理由', r.reasons), ...section('需要准备的材料', r.materials));
  } catch (e) {
    out.replaceChildren(el('p', { className: 'error', role: 'alert', textContent: `核查失败：${failure(e).message}` }));
  }
});

// ---- escalation to a duty lawyer (POST /api/v1/handoff/escalate) ----
/** @param {unknown} e */
function escalateError(e) {
  const err = failure(e);
  if (err.status === 403) return '您的账号无权转值班律师。';
  if (/^phone:/.test(err.message)) return '回电号码格式不对，请填写11位手机号码或带区号的固定电话。';
  return `转接失败：${err.message}`;
}

$('escalate-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('escalate-result');
  /**
   * @param {string} text
   * @param {boolean} isError
   */
  const show = (text, isError) => { out.textContent = text; out.classList.toggle('error', isError); };
  const summary = caller.value.trim();
  if (!summary) { show('请先在上方输入来电人说的话。', true); caller.focus(); return; }
  // Topic and county come from the last analysis; the server checks both.
  const body = { summary, topic: current?.domain || undefined, county: current?.eligibilityHints?.county || undefined,
    phone: field('escalate-phone').value.trim() || undefined };
  button('escalate').disabled = true;
  show('正在转接……', false);
  try {
    const r = await api('/handoff/escalate', JSON.parse(JSON.stringify(body)));
    field('escalate-phone').value = ''; // personal data does not linger on a shared screen
    show(`已转值班律师，工单号 ${r.id}${r.position ? `，目前排在第${r.position}位` : ''}${body.phone ? '，律师将回电来电人' : ''}。`, false);
  } catch (err) {
    show(escalateError(err), true);
  } finally {
    button('escalate').disabled = false;
  }
});

if (session.token) showConsole(); else showLogin();
