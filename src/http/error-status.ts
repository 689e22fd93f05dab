/**
 * @module http/error-status
 * The one table from error code to HTTP status. The server's error handler uses it, and so do the few endpoints
 * that answer an error themselves (WeChat's plain-text replies, the hand-off's closed-window reply), so no module
 * names a status for a LawlineError on its own.
 */
import type { ErrorCode, LawlineError } from '../errors.js';

/** Every error code's status; a Record, so a new code does not compile until it has one. */
export const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
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
  // A backup or restore that cannot proceed now (a server holds the database, the copy is damaged): CLI only.
  backup_refused: 409,
  // SIGTERM arrived: the turns in flight finish, new requests go elsewhere (server/graceful-shutdown.ts).
  shutting_down: 503,
};

/** The HTTP status of `error`. */
export const statusOf = (error: LawlineError): number => STATUS_OF[error.code];
