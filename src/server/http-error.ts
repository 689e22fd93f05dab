/**
 * @module server/http-error
 * One error type for HTTP failures, and the express error handler that turns errors into JSON replies.
 */
import type { ErrorRequestHandler } from 'express';
import { LawlineError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

/** An error with an HTTP status and a message safe to show the client. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Maps errors to `{error}` replies: HttpError → its status, input errors → 400, body parser errors → 400/413, rest → 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = err as { status?: number; type?: string; message?: string };
    let status = 500;
    let message = 'internal error';
    if (err instanceof HttpError) [status, message] = [err.status, err.message];
    else if (err instanceof LawlineError) [status, message] = [400, err.message];
    else if (e.type === 'entity.parse.failed') [status, message] = [400, `request body is not valid JSON: ${e.message}`];
    else if (e.type === 'entity.too.large') [status, message] = [413, 'request body is too large'];
    else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) [status, message] = [e.status, e.message ?? 'bad request'];
    if (status >= 500) log.error('request failed', { path: req.path, error: err });
    res.status(status).json({ error: message });
  };
}
