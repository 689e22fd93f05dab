// @ts-check
/**
 * @module public/staff/client
 * What both staff consoles (the 12348 assist console at /agent and the duty-lawyer console at /lawyer) need from
 * the server: the session (a bearer token in sessionStorage), login, JSON calls to /api/v1 with the token, and the
 * labels and threshold of GET /api/v1/meta. The queue's push stream is ./queue-stream.js.
 * No DOM here, and nothing runs on import: the consoles import it as an ES module, the tests can import it in Node.
 */

const API = '/api/v1';

/**
 * The logged-in staff member, kept in sessionStorage: the token dies with the tab, so a shared hotline PC does not
 * keep a staff login. Each console has its own keys (`lawline.<name>.token`, `lawline.<name>.user`).
 * @typedef {object} Session
 * @property {string | null} token
 * @property {string} user the username typed at login ('' when none)
 * @property {(token: string, user: string) => void} save
 * @property {() => void} clear
 */

/**
 * @param {string} name the console's name in the storage keys ('agent', 'lawyer')
 * @returns {Session}
 */
export function createSession(name) {
  const TOKEN_KEY = `lawline.${name}.token`;
  const USER_KEY = `lawline.${name}.user`;
  return {
    get token() { return sessionStorage.getItem(TOKEN_KEY); },
    get user() { return sessionStorage.getItem(USER_KEY) || ''; },
    save(token, user) { sessionStorage.setItem(TOKEN_KEY, token); sessionStorage.setItem(USER_KEY, user); },
    clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(USER_KEY); },
  };
}

/**
 * An answer of the API: its status and its JSON body ({} when the body is not JSON).
 * @typedef {object} ApiResponse
 * @property {number} status
 * @property {boolean} ok
 * @property {any} data
 */

/** A refused call: the status and the server's `error` text (or a generic one). */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * The error for a refused call: the server's `error` text, or a generic one.
 * @param {ApiResponse} res
 */
const refused = (res) => new ApiError(res.status, res.data.error || `请求失败（${res.status}）`);

/**
 * One JSON call to /api/v1 (`path` starts after it), with the bearer token when there is one. Never throws for a
 * status; network errors and aborts reject as fetch does.
 * @param {string} method
 * @param {string} path
 * @param {{ token?: string | null, body?: unknown, signal?: AbortSignal }} [options]
 * @returns {Promise<ApiResponse>}
 */
export async function request(method, path, { token, body, signal } = {}) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const data = await res.json().catch(() => ({}));
  return { status: res.status, ok: res.ok, data };
}

/**
 * @typedef {object} StaffClient
 * @property {Session} session
 * @property {(username: string, password: string) => Promise<ApiResponse>} login POST /auth/login; a 200 for an
 *   account of one of the console's roles saves the token and the username in the session.
 * @property {(method: string, path: string, body?: unknown, signal?: AbortSignal) => Promise<ApiResponse>} call a
 *   call with the session's token, answered whatever its status; a 401 to a logged-in call ends the session
 *   (onExpired) and rejects.
 * @property {(method: string, path: string, body?: unknown, signal?: AbortSignal) => Promise<any>} json as `call`,
 *   but resolves with the body and rejects with an {@link ApiError} for any status other than 2xx.
 */

/**
 * The console's client: its session and calls that carry the token.
 * @param {{ name: string, roles?: string[], onExpired: () => void }} options `roles`: the accounts the console
 *   keeps a login for (any when absent: the server then refuses what the role may not do). `onExpired` runs once
 *   the session is cleared after the server refused the token (it expired, or an admin removed the account).
 * @returns {StaffClient}
 */
export function createStaffClient({ name, roles, onExpired }) {
  const session = createSession(name);

  /** @type {StaffClient['call']} */
  async function call(method, path, body, signal) {
    const token = session.token;
    const res = await request(method, path, { token, body, signal });
    if (res.status === 401 && token) {
      session.clear();
      onExpired();
      throw refused(res);
    }
    return res;
  }

  return {
    session,
    async login(username, password) {
      const res = await request('POST', '/auth/login', { body: { username, password } });
      if (res.status === 200 && (!roles || roles.includes(res.data.role))) session.save(res.data.token, username.trim());
      return res;
    },
    call,
    async json(method, path, body, signal) {
      const res = await call(method, path, body, signal);
      if (!res.ok) throw refused(res);
      return res.data;
    },
  };
}

/**
 * The labels and threshold the consoles show, from their one definition on the server (GET /api/v1/meta).
 * @typedef {object} Meta
 * @property {number} lowConfidence below this an answer is shown as unsure
 * @property {Record<string, string>} intents service intent → its Chinese label
 * @property {string[]} topics the legal topics
 * @property {number} maxMessageChars the longest message accepted
 * @property {{ priority: Record<string, string>, decision: Record<string, string>, meansTest: Record<string, string>, language: Record<string, string>, channel: Record<string, string>, upkeepReason?: Record<string, string>, upkeepEdit?: Record<string, string> }} labels
 *   the Chinese for the hand-off's, the eligibility check's and knowledge upkeep's codes
 */

/** @type {Promise<Meta> | null} */
let meta = null;

/**
 * GET /api/v1/meta, fetched once per page (a failure is retried on the next call).
 * @returns {Promise<Meta>}
 */
export function loadMeta() {
  if (!meta) {
    meta = request('GET', '/meta').then((res) => {
      if (!res.ok) throw refused(res);
      return /** @type {Meta} */ (res.data);
    });
    meta.catch(() => { meta = null; }); // the next call asks again
  }
  return meta;
}
