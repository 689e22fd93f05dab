/**
 * @module accounts/account-store
 * Staff accounts and bearer tokens in SQLite. Tokens are opaque random strings handed out once; only their
 * SHA-256 is stored, so a copy of the database cannot be used to log in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { formatZodIssues, InputError } from '../errors.js';
import type { AccountRepository } from '../storage/repositories/account-repository.js';
import { newAccountSchema, passwordSchema, type Account, type NewAccount, type Role } from './account-schema.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash.js';

/** How long a login token stays valid at most, unless configured otherwise. */
export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
/** A token unused for this long expires (the console left open on a shared hotline computer). */
export const DEFAULT_IDLE_MS = 30 * 60 * 1000;

/** The password hash of a disabled account: no password verifies against it (as `!` in /etc/shadow). */
const DISABLED = '!disabled';

export interface IssuedToken { token: string; expiresAt: string; account: Account }

export interface AccountStore {
  /** Adds an account; throws InputError for an invalid or taken username or a short password. */
  addUser(input: NewAccount): Promise<Account>;
  /** Checks credentials and issues a token, or returns null. */
  login(username: string, password: string): Promise<IssuedToken | null>;
  /** The account behind a token that has not expired, or null (any process may have issued it). */
  authenticate(token: string): Promise<Account | null>;
  /** Ends a token's validity. */
  revoke(token: string): Promise<void>;
  /** Sets a new password and ends the account's tokens at once; throws InputError for a short password or no such account. */
  changePassword(username: string, password: string): Promise<void>;
  /** Disables the account and ends its tokens at once (changePassword enables it again). */
  disable(username: string): Promise<void>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Accounts over their repository.
 * @example const accounts = createAccountStore(createAccountRepository(sql)); await accounts.login('u', 'p');
 */
export function createAccountStore(repo: AccountRepository, options: { tokenTtlMs?: number; idleMs?: number; now?: () => Date } = {}): AccountStore {
  const ttl = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const idle = Math.min(options.idleMs ?? DEFAULT_IDLE_MS, ttl);
  const now = options.now ?? (() => new Date());
  const toAccount = (r: { id: number; username: string; role: string }): Account => ({ id: r.id, username: r.username, role: r.role as Role });

  return {
    async addUser(input) {
      const parsed = newAccountSchema.safeParse(input);
      if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
      const { username, password, role } = parsed.data;
      const taken = () => new InputError(`username: "${username}" is already taken`);
      if (await repo.byUsername(username)) throw taken();
      const hash = await hashPassword(password);
      const id = await repo.insert({ username, passwordHash: hash, role, createdAt: now().getTime() });
      if (id === null) throw taken();
      return { id, username, role };
    },
    async login(username, password) {
      const row = await repo.byUsername(username.trim());
      const usable = row && row.passwordHash !== DISABLED;
      // Unknown and disabled accounts are checked against a dummy hash, so they take as long as a wrong password.
      const ok = await verifyPassword(password, usable ? row.passwordHash : await DUMMY_HASH);
      if (!usable || !ok) return null;
      const token = randomBytes(32).toString('base64url');
      const issued = now().getTime();
      const expiresAt = issued + idle;
      await repo.addToken({ tokenHash: sha256(token), accountId: row.id, expiresAt, createdAt: issued });
      return { token, expiresAt: new Date(expiresAt).toISOString(), account: toAccount(row) };
    },
    async authenticate(token) {
      const at = now().getTime();
      const row = await repo.byToken(sha256(token), at);
      if (!row) return null;
      // Each use moves the idle deadline, never past the token's whole lifetime; written only when it moves by a
      // good part of the idle period, so a console's polling does not write on every call.
      const deadline = Math.min(row.tokenCreatedAt + ttl, at + idle);
      if (deadline - row.tokenExpiresAt > idle / 10) await repo.extendToken(sha256(token), deadline);
      return toAccount(row);
    },
    async revoke(token) {
      await repo.deleteToken(sha256(token));
    },
    async changePassword(username, password) {
      const parsed = passwordSchema.safeParse(password);
      if (!parsed.success) throw new InputError(`password: ${parsed.error.issues[0]!.message}`);
      if (!(await repo.replacePassword(username, await hashPassword(password)))) throw new InputError(`username: no account "${username}"`);
    },
    async disable(username) {
      if (!(await repo.replacePassword(username, DISABLED))) throw new InputError(`username: no account "${username}"`);
    },
  };
}
