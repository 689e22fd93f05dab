/**
 * @module storage/repositories/account-repository
 * Staff accounts and the SHA-256 of their bearer tokens. Usernames are unique whatever their case.
 */
import type { SqlClient } from '../sql-client.js';

export interface AccountRow { id: number; username: string; role: string; passwordHash: string }

export interface AccountRepository {
  byUsername(username: string): Promise<AccountRow | undefined>;
  /** Inserts an account; returns its id, or null when the username (in any case) is taken. */
  insert(account: { username: string; passwordHash: string; role: string; createdAt: number }): Promise<number | null>;
  /** The account behind a token hash that expires after `now`, with the token's issue and expiry times. */
  byToken(tokenHash: string, now: number): Promise<(AccountRow & { tokenCreatedAt: number; tokenExpiresAt: number }) | undefined>;
  /** Moves a token's expiry (the idle timeout slides with use). */
  extendToken(tokenHash: string, expiresAt: number): Promise<void>;
  /** Replaces an account's password hash and ends every token it holds, in one transaction; false: no such account. */
  replacePassword(username: string, passwordHash: string): Promise<boolean>;
  /** Stores a token hash, deleting tokens that expired by `now`. */
  addToken(token: { tokenHash: string; accountId: number; expiresAt: number; createdAt: number }): Promise<void>;
  deleteToken(tokenHash: string): Promise<void>;
  /** Lower-case usernames of the accounts with `role`. */
  usernamesWithRole(role: string): Promise<string[]>;
}

type Row = { id: number; username: string; role: string; password_hash: string };
const toRow = (r: Row | undefined): AccountRow | undefined =>
  r && { id: Number(r.id), username: r.username, role: r.role, passwordHash: r.password_hash };

/** @example const repo = createAccountRepository(sql); await repo.byUsername('agent1'); */
export function createAccountRepository(sql: SqlClient): AccountRepository {
  return {
    async byUsername(username) {
      return toRow(await sql.get<Row>('SELECT id, username, role, password_hash FROM accounts WHERE lower(username) = lower(?)', [username]));
    },
    async insert(a) {
      return sql.transaction(async () => {
        if (await sql.get('SELECT 1 AS x FROM accounts WHERE lower(username) = lower(?)', [a.username])) return null;
        const row = await sql.get<{ id: number }>(
          'INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id',
          [a.username, a.passwordHash, a.role, a.createdAt]);
        return Number(row!.id);
      }, { lock: 'accounts' });
    },
    async byToken(tokenHash, now) {
      const r = await sql.get<Row & { created_at: number; expires_at: number }>(
        `SELECT a.id, a.username, a.role, a.password_hash, t.created_at, t.expires_at FROM auth_tokens t JOIN accounts a ON a.id = t.account_id
         WHERE t.token_hash = ? AND t.expires_at > ?`, [tokenHash, now]);
      return r && { ...toRow(r)!, tokenCreatedAt: Number(r.created_at), tokenExpiresAt: Number(r.expires_at) };
    },
    async extendToken(tokenHash, expiresAt) {
      await sql.run('UPDATE auth_tokens SET expires_at = ? WHERE token_hash = ? AND expires_at < ?', [expiresAt, tokenHash, expiresAt]);
    },
    async replacePassword(username, passwordHash) {
      return sql.transaction(async () => {
        const row = await sql.get<{ id: number }>('SELECT id FROM accounts WHERE lower(username) = lower(?)', [username]);
        if (!row) return false;
        await sql.run('UPDATE accounts SET password_hash = ? WHERE id = ?', [passwordHash, Number(row.id)]);
        await sql.run('DELETE FROM auth_tokens WHERE account_id = ?', [Number(row.id)]);
        return true;
      }, { lock: 'accounts' });
    },
    async addToken(t) {
      await sql.run('DELETE FROM auth_tokens WHERE expires_at <= ?', [t.createdAt]);
      await sql.run('INSERT INTO auth_tokens (token_hash, account_id, expires_at, created_at) VALUES (?, ?, ?, ?)',
        [t.tokenHash, t.accountId, t.expiresAt, t.createdAt]);
    },
    async deleteToken(tokenHash) {
      await sql.run('DELETE FROM auth_tokens WHERE token_hash = ?', [tokenHash]);
    },
    async usernamesWithRole(role) {
      return (await sql.all<{ u: string }>('SELECT lower(username) AS u FROM accounts WHERE role = ?', [role])).map((r) => r.u);
    },
  };
}
