/**
 * @module accounts/account-store
 * Staff accounts and bearer tokens in SQLite. Tokens are opaque random strings handed out once; only their
 * SHA-256 is stored, so a copy of the database cannot be used to log in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { formatZodIssues, InputError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { newAccountSchema, ROLES, type Account, type NewAccount, type Role } from './account-schema.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash.js';

/** How long a login token stays valid unless configured otherwise. */
export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export interface IssuedToken { token: string; expiresAt: string; account: Account }

export interface AccountStore {
  /** Adds an account; throws InputError for an invalid or taken username or a short password. */
  addUser(input: NewAccount): Promise<Account>;
  /** Checks credentials and issues a token, or returns null. */
  login(username: string, password: string): Promise<IssuedToken | null>;
  /** The account behind a token that has not expired, or null. */
  authenticate(token: string): Account | null;
  /** Ends a token's validity. */
  revoke(token: string): void;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS accounts (
      id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN (${ROLES.map((r) => `'${r}'`).join(',')})),
      created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS auth_tokens (
      token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      expires_at TEXT NOT NULL, created_at TEXT NOT NULL);`);
}

/**
 * Opens the account tables in `db` (creating them when missing).
 * @example const accounts = createAccountStore(openDatabase(dir, 'lawline')); await accounts.login('u', 'p');
 */
export function createAccountStore(db: Db, options: { tokenTtlMs?: number; now?: () => Date } = {}): AccountStore {
  migrate(db);
  const ttl = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const now = options.now ?? (() => new Date());
  type Row = { id: number; username: string; role: Role; password_hash: string };
  const byName = db.prepare<[string], Row>('SELECT id, username, role, password_hash FROM accounts WHERE username = ?');
  const byToken = db.prepare<[string, string], Row>(
    `SELECT a.id, a.username, a.role, a.password_hash FROM auth_tokens t JOIN accounts a ON a.id = t.account_id
     WHERE t.token_hash = ? AND t.expires_at > ?`);
  const insertToken = db.prepare('INSERT INTO auth_tokens (token_hash, account_id, expires_at, created_at) VALUES (?, ?, ?, ?)');
  const toAccount = (r: Row): Account => ({ id: r.id, username: r.username, role: r.role });

  return {
    async addUser(input) {
      const parsed = newAccountSchema.safeParse(input);
      if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
      const { username, password, role } = parsed.data;
      if (byName.get(username)) throw new InputError(`username: "${username}" is already taken`);
      const hash = await hashPassword(password);
      const info = db.prepare('INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)')
        .run(username, hash, role, now().toISOString());
      return { id: Number(info.lastInsertRowid), username, role };
    },
    async login(username, password) {
      const row = byName.get(username.trim());
      const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH));
      if (!row || !ok) return null;
      const token = randomBytes(32).toString('base64url');
      const issued = now();
      const expiresAt = new Date(issued.getTime() + ttl).toISOString();
      db.prepare('DELETE FROM auth_tokens WHERE expires_at <= ?').run(issued.toISOString());
      insertToken.run(sha256(token), row.id, expiresAt, issued.toISOString());
      return { token, expiresAt, account: toAccount(row) };
    },
    authenticate(token) {
      const row = byToken.get(sha256(token), now().toISOString());
      return row ? toAccount(row) : null;
    },
    revoke(token) {
      db.prepare('DELETE FROM auth_tokens WHERE token_hash = ?').run(sha256(token));
    },
  };
}
