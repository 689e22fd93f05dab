/**
 * @module server/error-handler
 * The express error handler: a LawlineError answers its code's status (the table in http/error-status.ts),
 * express's body-parser errors theirs, anything else (a bug) 500 with a generic message, so no stack trace or
 * internal detail leaks.
 */
import type { ErrorRequestHandler } from 'express';
import { LawlineError } from '../errors.js';
import { statusOf } from '../http/error-status.js';
import type { Logger } from '../logging/logger.js';

/** Maps errors to `{error}` replies: LawlineError → its code's status, body parser errors → 400/413, rest → 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { status?: number; type?: string; message?: string };
    let status = 500;
    let message = 'internal error';
    if (err instanceof LawlineError) [status, message] = [statusOf(err), err.message];
    else if (e.type === 'entity.parse.failed') [status, message] = [400, `request body is not valid JSON: ${e.message}`];
    else if (e.type === 'entity.too.large') [status, message] = [413, 'request body is too large'];
    else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) [status, message] = [e.status, e.message ?? 'bad request'];
    if (status >= 500) {
      log.error('request failed', { path: req.path, error: err });
      // An operator's or a service's failure: the log has the detail, the client only learns that it failed.
      message = status === 502 ? 'an outside service failed' : 'internal error';
    }
    res.status(status).json({ error: message });
  };
}
