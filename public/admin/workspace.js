// @ts-check
/**
 * @module public/admin/workspace
 * The frame every page of the bureau's workspace (/admin/*.html) shares: the one staff login and session
 * (public/staff/client.js, session name 'admin'), the navigation between the workspace's pages, who is logged in
 * and the log-out button. A page holds only its own content in `<main id="page" hidden>`, includes
 * workspace.css, and calls {@link startWorkspace}; its own script starts once a staff member with one of the page's
 * roles is logged in. Supervisors read; only admins change things, and the server enforces that in any case.
 */
import { createStaffClient, loadMeta } from '../staff/client.js';

/** The workspace's pages, in the order the navigation shows them. `roles`: who may open the page. */
export const PAGES = [
  { id: 'overview', href: '/admin/', label: '服务质量概览', roles: ['admin', 'supervisor'] },
  { id: 'upkeep', href: '/admin/upkeep.html', label: '知识维护', roles: ['admin'] },
  { id: 'cases', href: '/admin/cases.html', label: '典型案例库', roles: ['admin', 'supervisor'] },
  { id: 'directory', href: '/admin/directory.html', label: '服务机构名录', roles: ['admin', 'supervisor'] },
  { id: 'hardship', href: '/admin/hardship.html', label: '经济困难标准', roles: ['admin', 'supervisor'] },
  { id: 'audit', href: '/admin/audit.html', label: '操作审计', roles: ['admin'] },
];

const ROLE_KEY = 'lawline.admin.role';
const ROLE_LABELS = /** @type {Record<string, string>} */ ({ admin: '管理员', supervisor: '督导（只读）' });

/**
 * @typedef {object} Workspace
 * @property {import('../staff/client.js').StaffClient} client calls to /api/v1 with the session's token
 * @property {import('../staff/client.js').Meta} meta labels from GET /api/v1/meta
 * @property {string} user the logged-in username
 * @property {'admin' | 'supervisor'} role
 * @property {boolean} canEdit true for admins
 */

/** @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text] */
function el(tag, attrs = {}, text = '') {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

/**
 * Builds the frame around the page and starts the page once logged in.
 * @param {{ page: string, onReady: (ws: Workspace) => void | Promise<void> }} options `page`: the page's id in PAGES
 */
export function startWorkspace({ page, onReady }) {
  const here = PAGES.find((p) => p.id === page);
  if (!here) throw new Error(`unknown workspace page ${page}`);
  const content = /** @type {HTMLElement} */ (document.getElementById('page'));
  content.hidden = true;

  const skip = el('a', { class: 'skip', href: '#page' }, '跳到正文');
  const header = el('header', { class: 'topbar' });
  header.append(el('p', { class: 'brand' }, '清远市公共法律服务 · 工作台'));
  const nav = el('nav', { 'aria-label': '工作台页面', id: 'workspace-nav' });
  nav.hidden = true;
  const list = el('ul');
  nav.append(list);
  const who = el('div', { class: 'who', id: 'who' });
  who.hidden = true;
  const whoName = el('span', { id: 'who-name' });
  const logout = el('button', { type: 'button', id: 'logout' }, '退出登录');
  who.append(whoName, logout);
  header.append(nav, who);

  const login = el('section', { class: 'login', id: 'login-view', 'aria-labelledby': 'login-title' });
  login.innerHTML = `<h1 id="login-title">工作台登录</h1>
    <form id="login-form" novalidate>
      <label for="username">用户名</label><input id="username" name="username" autocomplete="username" required>
      <label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">登录</button>
      <p id="login-error" class="error" role="alert"></p>
    </form>`;
  login.hidden = true;
  document.body.prepend(skip, header, login);

  const client = createStaffClient({ name: 'admin', roles: ['admin', 'supervisor'], onExpired: () => showLogin('登录已过期，请重新登录。') });
  const { session } = client;
  const loginError = /** @type {HTMLElement} */ (login.querySelector('#login-error'));

  /** @param {string} [message] */
  function showLogin(message = '') {
    session.clear();
    sessionStorage.removeItem(ROLE_KEY);
    content.hidden = true;
    nav.hidden = true;
    who.hidden = true;
    login.hidden = false;
    loginError.textContent = message;
    /** @type {HTMLInputElement} */ (login.querySelector('#username')).focus();
  }

  let started = false;
  async function showPage() {
    const role = /** @type {'admin' | 'supervisor'} */ (sessionStorage.getItem(ROLE_KEY) || 'supervisor');
    list.replaceChildren(...PAGES.filter((p) => p.roles.includes(role)).map((p) => {
      const item = el('li');
      const link = el('a', { href: p.href }, p.label);
      if (p.id === page) link.setAttribute('aria-current', 'page');
      item.append(link);
      return item;
    }));
    whoName.textContent = `${session.user}（${ROLE_LABELS[role] || role}）`;
    login.hidden = true;
    nav.hidden = false;
    who.hidden = false;
    if (!here?.roles.includes(role)) {
      content.hidden = false;
      content.replaceChildren(el('p', { class: 'error', role: 'alert' }, '您的账号无权查看此页面。'));
      return;
    }
    content.hidden = false;
    if (started) return;
    started = true;
    const meta = await loadMeta();
    await onReady({ client, meta, user: session.user, role, canEdit: role === 'admin' });
  }

  /** @type {HTMLFormElement} */ (login.querySelector('#login-form')).addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = /** @type {HTMLInputElement} */ (login.querySelector('#username')).value.trim();
    const password = /** @type {HTMLInputElement} */ (login.querySelector('#password')).value;
    if (!username || !password) { loginError.textContent = '请输入用户名和密码。'; return; }
    const { status, ok, data } = await client.login(username, password);
    if (status === 401) { loginError.textContent = '用户名或密码错误。'; return; }
    if (status === 429) { loginError.textContent = '登录失败次数过多，请稍后再试。'; return; }
    if (!ok) { loginError.textContent = data.error || `请求失败（${status}）`; return; }
    if (!['admin', 'supervisor'].includes(data.role)) { loginError.textContent = '工作台只对管理员和督导开放。'; return; }
    sessionStorage.setItem(ROLE_KEY, data.role);
    await showPage();
  });

  logout.addEventListener('click', async () => {
    await client.call('POST', '/auth/logout').catch(() => undefined);
    showLogin();
  });

  if (session.token && sessionStorage.getItem(ROLE_KEY)) void showPage(); else showLogin();
}
