/**
 * @module errors
 * One base class for errors a user, an administrator or an outside service caused, so callers can tell them from
 * bugs. Each carries a stable `code`; business modules throw these and never speak HTTP: one table maps codes to
 * statuses (src/http/error-status.ts, used by the server's error handler), the CLI prints the message as an error line.
 */
import type { ZodError } from 'zod';

/** Every kind of error lawline reports on purpose. Adding one makes the HTTP status table name it too. */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'too_many_requests'
  | 'invalid_config'
  | 'invalid_data_file'
  | 'schema_too_new'
  | 'wechat_api'
  | 'wechat_crypto'
  | 'wechat_xml'
  | 'wechat_window_closed'
  | 'backup_refused'
  | 'shutting_down';

/** An error caused by input (a request, a CLI line, a data file, configuration) or an outside service, not by a bug. */
export abstract class LawlineError extends Error {
  override name = 'LawlineError';
  abstract readonly code: ErrorCode;
}

/** Bad input from a client: HTTP turns it into 400, the CLI into an error line. */
export class InputError extends LawlineError {
  override name = 'InputError';
  readonly code: ErrorCode = 'invalid_input';
}

/** The caller has not signed in (or their token is no longer valid). */
export class UnauthenticatedError extends LawlineError {
  override name = 'UnauthenticatedError';
  readonly code: ErrorCode = 'unauthenticated';
}

/** The caller is known but may not do this (wrong role, not their ticket, not on the roster, expired token). */
export class ForbiddenError extends LawlineError {
  override name = 'ForbiddenError';
  readonly code: ErrorCode = 'forbidden';
}

/** The thing asked for does not exist (or the caller may not learn that it does). */
export class NotFoundError extends LawlineError {
  override name = 'NotFoundError';
  readonly code: ErrorCode = 'not_found';
}

/** The thing asked for existed but is no longer available (an expired download link). */
export class GoneError extends LawlineError {
  override name = 'GoneError';
  readonly code: ErrorCode = 'gone';
}

/** The request is valid but the current state forbids it (a ticket offered to someone else, capacity reached…). */
export class ConflictError extends LawlineError {
  override name = 'ConflictError';
  readonly code: ErrorCode = 'conflict';
}

/** The caller holds too many of something at once (for example open queue streams). */
export class TooManyRequestsError extends LawlineError {
  override name = 'TooManyRequestsError';
  readonly code: ErrorCode = 'too_many_requests';
}

/** The configuration (environment variables) is invalid; the message names the variable. */
export class ConfigError extends LawlineError {
  override name = 'ConfigError';
  readonly code: ErrorCode = 'invalid_config';
}

/** A data file (knowledge, intents, config) is invalid; the message names the file and the field. */
export class DataFileError extends LawlineError {
  override name = 'DataFileError';
  readonly code: ErrorCode = 'invalid_data_file';
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
  }
}

/** The server is draining its turns before it stops: the client should retry (another process, or after restart). */
export class ShuttingDownError extends LawlineError {
  override name = 'ShuttingDownError';
  readonly code: ErrorCode = 'shutting_down';
}

/** Joins zod issues into one readable line: `household.size: Expected number, received string; …`. */
export function formatZodIssues(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
