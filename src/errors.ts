/**
 * @module errors
 * One base class for errors a user or an administrator caused, so callers can tell them from bugs.
 */
import type { ZodError } from 'zod';

/** An error caused by input (a request, a CLI line, a data file), not by a bug. */
export class LawlineError extends Error {
  override name = 'LawlineError';
}

/** A data file (knowledge, intents, config) is invalid; the message names the file and the field. */
export class DataFileError extends LawlineError {
  override name = 'DataFileError';
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
  }
}

/** Bad input from a client: HTTP turns it into 400, the CLI into an error line. */
export class InputError extends LawlineError {
  override name = 'InputError';
}

/** Joins zod issues into one readable line: `household.size: Expected number, received string; …`. */
export function formatZodIssues(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
