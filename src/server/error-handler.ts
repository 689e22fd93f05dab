/**
 * @module server/error-handler
 * The one place that turns errors into HTTP statuses: a LawlineError by its code, express's body-parser errors by
 * their type, anything else (a bug) into 500 with a generic message, so no stack trace or internal detail leaks.
 */
import type { ErrorRequestHandler } from 'express';
import { LawlineError, type ErrorCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';

/** Every error code's status; a Record, so a new code does not compile until it has one. */
export const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  wechat_xml: 400,
  wechat_crypto: 403,
  // The WeChat customer-service window is closed: the lawyer must wait for the citizen (see handoff-routes.ts).
  wechat_window_closed: 409,
  // WeChat's API failed us: not the client's fault.
  wechat_api: 502,
  // Caused by an operator's files, settings or database, not by this request (they surface at start-up in practice).
  invalid_config: 500,
  invalid_data_file: 500,
  schema_too_new: 500,
};

/** Maps errors to `{error}` replies: LawlineError → its code's status, body parser errors → 400/413, rest → 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { status?: number; type?: string; message?: string };
    let status = 500;
    let message = 'internal error';
    if (err instanceof LawlineError) [status, message] = [STATUS_OF[err.code], err.message];
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
