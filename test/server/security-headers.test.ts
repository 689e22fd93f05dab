/**
 * Security headers on every page and API answer (issue 15): no MIME sniffing anywhere; the staff pages carry a
 * Content-Security-Policy without inline script and deny framing; the widget script may be loaded cross-origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHarness } from '../support/server-harness.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(() => h.close());

const headersOf = async (path: string, init?: RequestInit) => (await fetch(h.base + path, init)).headers;

describe('security headers', () => {
  it.each(['/', '/agent/', '/lawyer/', '/widget.js', '/healthz', '/api/v1/meta'])('%s is sent with nosniff and no referrer', async (path) => {
    const headers = await headersOf(path);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('content-security-policy')).toBeTruthy();
  });

  it.each(['/agent/', '/lawyer/', '/staff/client.js'])('the staff page %s allows no inline script or style and cannot be framed', async (path) => {
    const headers = await headersOf(path);
    const csp = headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers.get('x-frame-options')).toBe('DENY');
  });

  it('the API answers carry the headers too, and the widget script can be used by the city website', async () => {
    const ask = await headersOf('/api/v1/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '被狗咬了怎么办' }) });
    expect(ask.get('x-content-type-options')).toBe('nosniff');
    expect((await headersOf('/widget.js')).get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await headersOf('/')).get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
