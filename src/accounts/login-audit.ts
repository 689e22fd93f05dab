/**
 * @module accounts/login-audit
 * Every login attempt, persisted for the audit API: accepted, a wrong password, the wrong password that started a
 * lock, and an attempt refused while the account is locked or the client limited. Kept: the username as typed, the
 * client IP and the reason; never the password. A refusal is written once per lock (per account, client and
 * reason): a script hammering a locked account would otherwise turn each cheap refusal into a database write.
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
  /** account|client|reason → when the refusal written for it ends. */
  const refused = new Map<string, number>();
  return {
    async record({ username, event, ...detail }) {
      const at = now();
      if (event === 'refused') {
        const key = `${username.toLowerCase()}|${detail.ip}|${detail.reason}`;
        const until = at + (detail.retryAfterMs ?? 0);
        // The same lock ends at the same moment whichever attempt asks (to the rounding of a millisecond).
        if (Math.abs((refused.get(key) ?? -Infinity) - until) < 1000) return;
        for (const [k, end] of refused) if (end < at) refused.delete(k);
        refused.set(key, until);
      }
      await repo.recordLogin({ username, event, detail: JSON.stringify(detail), at });
    },
  };
}
