/**
 * @module accounts/login-audit
 * Every login attempt, persisted for the audit API: accepted, a wrong password, the wrong password that started a
 * lock, and an attempt refused while the account is locked or the client limited. Kept: the username as typed, the
 * client IP and the reason; never the password.
 */
import type { AuditRepository, LoginEvent } from '../storage/repositories/audit-repository.js';

export interface LoginAttempt {
  username: string;
  event: LoginEvent;
  ip: string;
  /** Why an attempt was refused before its password was checked. */
  reason?: 'account_locked' | 'ip_limited';
  /** For a lock: how long it lasts; for a refusal: how long until the next attempt may be checked. */
  lockedForMs?: number;
  retryAfterMs?: number;
}

export interface LoginAudit { record(attempt: LoginAttempt): Promise<void> }

/** @example const audit = createLoginAudit(createAuditRepository(sql)); await audit.record({ username: 'boss', event: 'failure', ip }); */
export function createLoginAudit(repo: Pick<AuditRepository, 'recordLogin'>, now: () => number = Date.now): LoginAudit {
  return {
    record({ username, event, ...detail }) {
      return repo.recordLogin({ username, event, detail: JSON.stringify(detail), at: now() });
    },
  };
}
