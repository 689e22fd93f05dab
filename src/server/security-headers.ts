/**
 * @module server/security-headers
 * Security headers on every page and API answer, through helmet: no MIME sniffing, no referrer, a
 * Content-Security-Policy everywhere. Staff pages (/agent, /lawyer, /admin and their shared /staff modules) get the
 * strict policy: scripts and styles only from this server, never inline, and no framing (clickjacking). The
 * citizen pages keep inline styles (the widget injects its stylesheet) and the widget script may be loaded by
 * the city website from another origin.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Paths of the staff consoles and their shared modules. */
export const STAFF_PATHS = ['/agent', '/lawyer', '/admin', '/staff'];

const common = {
  referrerPolicy: { policy: 'no-referrer' as const },
  // Served over plain HTTP behind the city's TLS proxy in development too; the proxy sets HSTS for the domain.
  strictTransportSecurity: false,
};

/** The Content-Security-Policy: everything from this server only; the citizen pages may use inline styles. */
function contentSecurityPolicy(page: { inlineStyles: boolean; framedBy: "'self'" | "'none'" }) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: page.inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"],
      imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], frameAncestors: [page.framedBy], baseUri: ["'none'"],
      formAction: ["'self'"], objectSrc: ["'none'"],
    },
  };
}

/** Every answer: the citizen-side policy. */
export function securityHeaders(): RequestHandler {
  return helmet({
    ...common,
    // widget.js and the API are used from the city website's pages (CORS decides who may read the API).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: contentSecurityPolicy({ inlineStyles: true, framedBy: "'self'" }),
  });
}

/** Staff pages: the strict policy, and framing denied. */
export function staffPageHeaders(): RequestHandler {
  return helmet({
    ...common,
    frameguard: { action: 'deny' },
    contentSecurityPolicy: contentSecurityPolicy({ inlineStyles: false, framedBy: "'none'" }),
  });
}
