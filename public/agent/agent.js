/**
 * @module public/agent/agent
 * The 12348 hotline agent console: log in, type the caller's words, see the suggested answer with its
 * sources, run a quick legal-aid check, copy a one-message SMS and hand the call to a duty lawyer. Plain DOM; all
 * text goes in as textContent.
 */
(() => {
  'use strict';
  const TOKEN_KEY = 'lawline.agent.token';
  const USER_KEY = 'lawline.agent.user';
  const DEBOUNCE_MS = 300;
  const LOW_CONFIDENCE = 0.35;
  const DECISIONS = { eligible: '符合法律援助条件', not_eligible: '不符合法律援助条件', needs_review: '需由法律援助机构审查' };
  const MEANS = {
    passed: '经济困难审查：符合', failed: '经济困难审查：不符合', exempt: '免予经济困难审查',
    verification_waived: '免予核查经济困难状况', unknown: '经济困难状况：信息不足，暂无法判断',
  };

  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'role' || key.startsWith('aria-')) node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const c of children) node.append(c);
    return node;
  };

  // sessionStorage: the token dies with the tab, so a shared hotline PC does not keep a staff login.
  const session = {
    get token() { return sessionStorage.getItem(TOKEN_KEY); },
    save(token, user) { sessionStorage.setItem(TOKEN_KEY, token); sessionStorage.setItem(USER_KEY, user); },
    clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(USER_KEY); },
  };

  class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }

  async function api(path, body, signal) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (session.token) headers.authorization = `Bearer ${session.token}`;
    const res = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && session.token) showLogin('登录已过期，请重新登录。');
    if (!res.ok) throw new ApiError(res.status, data.error || `请求失败（${res.status}）`);
    return data;
  }

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
    $('who-name').textContent = `坐席：${sessionStorage.getItem(USER_KEY) || ''}`;
    $('caller-text').focus();
    try {
      fillOptions(await api('/api/v1/assist/options'));
    } catch (err) {
      setStatus(err.status === 403 ? '您的账号无权使用坐席辅助（需要坐席或管理员角色）。' : err.message, true);
    }
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = $('username').value.trim();
    const password = $('password').value;
    if (!username || !password) { $('login-error').textContent = '请输入用户名和密码。'; return; }
    try {
      const res = await api('/api/v1/auth/login', { username, password });
      session.save(res.token, username);
      $('password').value = '';
      await showConsole();
    } catch (err) {
      $('login-error').textContent = err.status === 401 ? '用户名或密码错误。' : err.message;
    }
  });
  $('logout').addEventListener('click', () => { resetCall(); showLogin('已退出登录。'); });
  $('new-call').addEventListener('click', () => { resetCall(); $('caller-text').focus(); });

  // ---- analysis as the agent types ----
  let timer = 0;
  let inFlight = null;
  let lastText = '';
  let current = null;

  function setStatus(text, isError = false) {
    $('status').textContent = text;
    $('status').classList.toggle('error', isError);
  }

  async function analyse() {
    clearTimeout(timer);
    const text = $('caller-text').value.trim();
    if (!text || text === lastText) return;
    lastText = text;
    inFlight?.abort();
    const controller = (inFlight = new AbortController());
    setStatus('正在分析……');
    try {
      const result = await api('/api/v1/assist', { text }, controller.signal);
      if (controller !== inFlight) return; // a newer request is under way
      render(result);
      setStatus('分析完成。');
    } catch (err) {
      if (err.name === 'AbortError') return;
      lastText = '';
      setStatus(err.status === 403 ? '您的账号无权使用坐席辅助。' : `分析失败：${err.message}`, true);
    }
  }

  const caller = $('caller-text');
  caller.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(analyse, DEBOUNCE_MS); });
  caller.addEventListener('keydown', (event) => {
    // Enter confirms an IME composition first; only a plain Enter outside composition means "analyse now".
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    lastText = '';
    analyse();
  });

  function badge(text, cls, label) {
    return el('span', { className: `badge ${cls}`, textContent: text, title: label, 'aria-label': `${label}：${text}` });
  }

  function render(r) {
    current = r;
    $('emergency').hidden = r.risk !== 'emergency';
    $('safety-steps').replaceChildren(...r.safetySteps.map((s) => el('li', { textContent: s })));
    const badges = [badge(r.intentLabel, 'intent', '诉求'), badge(r.domain, 'topic', '话题'),
      badge(`可信度 ${Math.round(r.confidence * 100)}%`, r.confidence < LOW_CONFIDENCE ? 'low' : '', '答复可信度')];
    badges[0].id = 'intent-badge';
    badges[1].id = 'topic-badge';
    if (r.risk === 'emergency') badges.unshift(badge('紧急', 'danger', '风险'));
    if (r.confidence < LOW_CONFIDENCE) badges.push(badge('把握不大，建议转值班律师', 'low', '提示'));
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
    $('copy-sms').disabled = !r.smsSummary;
    $('copy-status').textContent = '';
    prefill(r.eligibilityHints);
  }

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
    $('escalate-phone').value = '';
    $('answer').textContent = '在左侧输入来电人的话后，这里显示建议答复。';
    $('sms-text').textContent = '（分析后生成）';
    $('sms-length').textContent = '';
    $('copy-sms').disabled = true;
    $('elig-form').reset();
    setStatus('');
  }

  // ---- SMS copy ----
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
  const touched = new Set(); // fields the agent changed by hand are not overwritten by later hints
  $('elig-form').addEventListener('input', (event) => touched.add(event.target.name === 'group' ? 'groups' : event.target.name));

  function fillOptions(options) {
    $('elig-matter').replaceChildren(...options.matters.map((m) => el('option', { value: m.value, textContent: m.label })));
    $('elig-matter').value = 'other_civil';
    $('elig-county').replaceChildren(el('option', { value: '', textContent: '不清楚' }), ...options.counties.map((c) => el('option', { value: c, textContent: c })));
    $('elig-groups').replaceChildren(...options.groups.map((g) => el('label', {},
      el('input', { type: 'checkbox', name: 'group', value: g.value }), g.label)));
  }

  function prefill(h) {
    const set = (name, id, value) => { if (!touched.has(name)) $(id).value = value ?? ''; };
    set('matter', 'elig-matter', h.matter);
    set('size', 'elig-size', h.householdSize);
    set('income', 'elig-income', h.monthlyIncome);
    set('age', 'elig-age', h.age);
    set('county', 'elig-county', h.county);
    if (!touched.has('groups')) {
      for (const box of document.querySelectorAll('#elig-groups input')) box.checked = h.groups.includes(box.value);
    }
  }

  function eligibilityRequest() {
    const num = (id) => ($(id).value === '' ? undefined : Number($(id).value));
    const groups = [...document.querySelectorAll('#elig-groups input:checked')].map((b) => b.value);
    const body = { id: `agent-${Date.now()}`, matter: $('elig-matter').value };
    const applicant = { age: num('elig-age'), groups: groups.length ? groups : undefined };
    const household = { size: num('elig-size'), monthlyIncome: num('elig-income') };
    if (applicant.age !== undefined || applicant.groups) body.applicant = applicant;
    if (household.size !== undefined || household.monthlyIncome !== undefined) body.household = household;
    if ($('elig-county').value) body.county = $('elig-county').value;
    return JSON.parse(JSON.stringify(body)); // drops undefined fields
  }

  $('elig-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = $('elig-result');
    out.replaceChildren(el('p', { textContent: '正在核查……' }));
    try {
      const r = await api('/api/v1/eligibility', eligibilityRequest());
      const section = (title, items) => (items.length ? [el('h3', { textContent: title }), el('ul', {}, ...items.map((t) => el('li', { textContent: t })))] : []);
      out.replaceChildren(
        el('p', { id: 'elig-decision', className: `decision ${r.decision}`, textContent: DECISIONS[r.decision] || r.decision }),
        el('p', { textContent: r.meansTest ? MEANS[r.meansTest] || r.meansTest : '经济困难审查：不适用' }),
        ...section('理由', r.reasons), ...section('需要准备的材料', r.materials));
    } catch (err) {
      out.replaceChildren(el('p', { className: 'error', role: 'alert', textContent: `核查失败：${err.message}` }));
    }
  });

  // ---- escalation to a duty lawyer (POST /api/v1/handoff/escalate) ----
  function escalateError(err) {
    if (err.status === 403) return '您的账号无权转值班律师。';
    if (/^phone:/.test(err.message)) return '回电号码格式不对，请填写11位手机号码或带区号的固定电话。';
    return `转接失败：${err.message}`;
  }

  $('escalate-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = $('escalate-result');
    const show = (text, isError) => { out.textContent = text; out.classList.toggle('error', isError); };
    const summary = caller.value.trim();
    if (!summary) { show('请先在上方输入来电人说的话。', true); caller.focus(); return; }
    // Topic and county come from the last analysis; the server checks both.
    const body = { summary, topic: current?.domain || undefined, county: current?.eligibilityHints?.county || undefined,
      phone: $('escalate-phone').value.trim() || undefined };
    $('escalate').disabled = true;
    show('正在转接……', false);
    try {
      const r = await api('/api/v1/handoff/escalate', JSON.parse(JSON.stringify(body)));
      $('escalate-phone').value = ''; // personal data does not linger on a shared screen
      show(`已转值班律师，工单号 ${r.id}${r.position ? `，目前排在第${r.position}位` : ''}${body.phone ? '，律师将回电来电人' : ''}。`, false);
    } catch (err) {
      show(escalateError(err), true);
    } finally {
      $('escalate').disabled = false;
    }
  });

  if (session.token) showConsole(); else showLogin();
})();
