/**
 * @module channels/wechat/dedupe
 * WeChat retries a push up to three times when no reply arrives within 5 s. Each message (MsgId; events:
 * FromUserName + CreateTime) is processed once: a retry waits for the same result, and the answer is delivered
 * once — in a passive reply, or, when the first request had to answer `success`, through the customer-service API.
 */

/** One message's processing. `mode` records how its answer is (being) delivered. */
export interface Delivery<T> {
  result: Promise<T>;
  mode: 'pending' | 'passive' | 'async';
}

export interface ReplyDedupe<T> {
  /** True when `key` was claimed here and has not expired. */
  known(key: string): boolean;
  /** The delivery for `key`, starting `task` only the first time the key is seen. */
  claim(key: string, task: () => Promise<T>): { delivery: Delivery<T>; retry: boolean };
}

/**
 * @example const dedupe = createReplyDedupe<string | null>(); dedupe.claim(dedupeKey(msg), () => respond(msg))
 */
export function createReplyDedupe<T>(options: { ttlMs?: number; now?: () => number } = {}): ReplyDedupe<T> {
  // WeChat retries an unanswered message after 5 s, three times at most, so all within ~15 s: a minute is four times
  // that. Kept longer, the entries (each holding its reply) only fill memory under load; a retry that comes later
  // still meets the shared table (wechat_messages), which every process checks.
  const { ttlMs = 60_000, now = Date.now } = options;
  const entries = new Map<string, { delivery: Delivery<T>; expires: number }>();
  return {
    known: (key) => (entries.get(key)?.expires ?? 0) > now(),
    claim(key, task) {
      for (const [k, e] of entries) {
        if (e.expires > now()) break;
        entries.delete(k);
      }
      const known = entries.get(key);
      if (known) return { delivery: known.delivery, retry: true };
      const delivery: Delivery<T> = { result: task(), mode: 'pending' };
      entries.set(key, { delivery, expires: now() + ttlMs });
      return { delivery, retry: false };
    },
  };
}

/**
 * Waits for the result until `deadline`. Returns `{ value }` when it may go out as the passive reply, or null when
 * the request should answer `success`; in that case `deliverLate` runs once, when the result is ready.
 */
export async function passiveOrLate<T>(
  delivery: Delivery<T>,
  deadline: Promise<void>,
  deliverLate: (value: T) => Promise<void>,
): Promise<{ value: T } | null> {
  if (delivery.mode === 'async') return null;
  const late = Symbol('late');
  const first = await Promise.race([delivery.result.then((value) => ({ value })), deadline.then(() => late)]);
  // Another request for the same message may have changed the mode while this one waited.
  const mode = delivery.mode as Delivery<T>['mode'];
  if (typeof first !== 'symbol' && mode !== 'async') {
    delivery.mode = 'passive';
    return first;
  }
  if (mode === 'pending') {
    delivery.mode = 'async';
    void delivery.result.then(deliverLate).catch(() => undefined); // deliverLate logs its own failures
  }
  return null;
}
