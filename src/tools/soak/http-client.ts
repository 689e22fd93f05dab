/**
 * @module tools/soak/http-client
 * The load tools' one way to call a lawline server on loopback: JSON in and out, a bearer token, and every call's
 * latency and status reported to an optional recorder (the soak's figures).
 */

export interface CallResult { status: number; body: any; ms: number }

/** Hears every call: its operation name, status (0 when the connection failed) and latency. */
export type CallRecorder = (op: string, status: number, ms: number) => void;

export interface HttpClient {
  base: string;
  /** A string body is sent as it is; anything else as JSON. A failed connection throws. */
  call(op: string, method: string, path: string, init?: { body?: unknown; token?: string; query?: Record<string, string>; type?: string }): Promise<CallResult>;
}

export function httpClient(base: string, record: CallRecorder = () => undefined): HttpClient {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/.test(base)) throw new Error(`load goes to loopback only, not ${base}`);
  return {
    base,
    async call(op, method, path, init = {}) {
      const headers: Record<string, string> = {};
      if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json';
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const url = `${base}${path}${init.query ? `?${new URLSearchParams(init.query)}` : ''}`;
      const t0 = performance.now();
      try {
        const res = await fetch(url, {
          method, headers,
          body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        const ms = performance.now() - t0;
        record(op, res.status, ms);
        let body: unknown = text;
        if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
        return { status: res.status, body, ms };
      } catch (err) {
        record(op, 0, performance.now() - t0);
        throw err;
      }
    },
  };
}
