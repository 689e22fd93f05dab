/**
 * @module channels/wechat/follow-up-store
 * Remembers, per openid, what each number in the last reply stands for ("回复7查看法条原文", the service menu,
 * numbered choices). The server keeps them in the state database (storage/repositories/wechat-repository.ts), so
 * they survive a restart and work from any process; this in-memory one, with a TTL, serves tests and tools.
 */

/** What replying a number does. */
export type OptionAction =
  /** Run the bot as if the citizen had typed `text`. */
  | { type: 'send'; text: string }
  /** Show stored `text` (a part of a shortened answer); the other numbers stay valid. */
  | { type: 'show'; text: string }
  /** Show `text` and replace the numbers with `options` (a sub-menu). */
  | { type: 'menu'; text: string; options: NumberedOption[] };

export interface NumberedOption { number: number; label: string; action: OptionAction }

export interface FollowUpStore {
  get(openid: string): Promise<NumberedOption[] | undefined>;
  /** Replaces the openid's options; an empty list forgets them. */
  set(openid: string, options: NumberedOption[]): Promise<void>;
  delete(openid: string): Promise<void>;
}

/**
 * @example const store = createFollowUpStore({ ttlMs: 30 * 60_000 });
 */
export function createFollowUpStore(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): FollowUpStore {
  const { ttlMs = 30 * 60_000, maxEntries = 50_000, now = Date.now } = options;
  const entries = new Map<string, { options: NumberedOption[]; expires: number }>();
  return {
    async get(openid) {
      const e = entries.get(openid);
      if (!e) return undefined;
      if (e.expires <= now()) {
        entries.delete(openid);
        return undefined;
      }
      return e.options;
    },
    async set(openid, opts) {
      entries.delete(openid);
      if (!opts.length) return;
      entries.set(openid, { options: opts, expires: now() + ttlMs });
      // Oldest first (Map keeps insertion order): drop expired ones, then any beyond the cap.
      for (const [key, e] of entries) {
        if (e.expires > now() && entries.size <= maxEntries) break;
        entries.delete(key);
      }
    },
    delete: async (openid) => void entries.delete(openid),
  };
}
