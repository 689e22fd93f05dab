/**
 * @module accounts/login-throttle
 * Slows password guessing. An account with 5 wrong passwords in a row is locked for 30 s, doubling with each
 * further failure up to 15 minutes; a correct password ends the run. One client IP may fail 20 times in 15 minutes
 * before its logins are refused for the rest of that window. Attempts refused by a lock never reach the password
 * check and do not count against the IP, so hammering one account never locks out a colleague's correct login
 * from the same office. Kept in memory per process (a restart forgets; several processes each keep their own).
 */

export const LOGIN_LIMITS = {
  accountFailures: 5,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  ipFailures: 20,
  ipWindowMs: 15 * 60_000,
} as const;

/** Why a login was refused before its password was checked, and for how long. */
export interface LoginRefusal { reason: 'account_locked' | 'ip_limited'; retryAfterMs: number }

interface AccountRun { failures: number; lockedUntil: number }

export class LoginThrottle {
  private readonly accounts = new Map<string, AccountRun>();
  private readonly ips = new Map<string, number[]>();

  constructor(private readonly limits = LOGIN_LIMITS) {}

  /** A refusal when this attempt must not be checked at all. */
  check(username: string, ip: string, now: number): LoginRefusal | null {
    const run = this.accounts.get(username.toLowerCase());
    if (run && run.lockedUntil > now) return { reason: 'account_locked', retryAfterMs: run.lockedUntil - now };
    const recent = this.recentIpFailures(ip, now);
    if (recent.length >= this.limits.ipFailures) return { reason: 'ip_limited', retryAfterMs: recent[0]! + this.limits.ipWindowMs - now };
    return null;
  }

  /** Records a wrong password; returns the lock it starts, if any. */
  failed(username: string, ip: string, now: number): { lockedForMs: number } | null {
    const key = username.toLowerCase();
    const run = this.accounts.get(key) ?? { failures: 0, lockedUntil: 0 };
    run.failures += 1;
    this.accounts.set(key, run);
    this.ips.set(ip, [...this.recentIpFailures(ip, now), now]);
    const beyond = run.failures - this.limits.accountFailures;
    if (beyond < 0) return null;
    const lockedForMs = Math.min(this.limits.maxLockMs, this.limits.baseLockMs * 2 ** beyond);
    run.lockedUntil = now + lockedForMs;
    return { lockedForMs };
  }

  succeeded(username: string): void {
    this.accounts.delete(username.toLowerCase());
  }

  private recentIpFailures(ip: string, now: number): number[] {
    const kept = (this.ips.get(ip) ?? []).filter((t) => t > now - this.limits.ipWindowMs);
    if (kept.length) this.ips.set(ip, kept);
    else this.ips.delete(ip);
    return kept;
  }
}
