/**
 * Errors become statuses in one place: every LawlineError code has a status, business errors keep their message,
 * and 5xx answers say nothing about the cause (the log has it).
 */
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { WechatApiError } from '../../src/channels/wechat/customer-service-client.js';
import { EligibilityInputError } from '../../src/eligibility/schema.js';
import {
  ConfigError, ConflictError, DataFileError, ForbiddenError, InputError, NotFoundError, TooManyRequestsError, UnauthenticatedError,
} from '../../src/errors.js';
import { RosterCsvError } from '../../src/handoff/roster-csv.js';
import { createLogger } from '../../src/logging/logger.js';
import { errorHandler } from '../../src/server/error-handler.js';

function handle(error: unknown): { status: number; body: { error: string }; logged: string[] } {
  const logged: string[] = [];
  let status = 0;
  let body: { error: string } = { error: '' };
  const res = {
    status(s: number) {
      status = s;
      return res;
    },
    json(b: { error: string }) {
      body = b;
      return res;
    },
  };
  errorHandler(createLogger('error', (line) => logged.push(line)))(error, { path: '/x' } as Request, res as unknown as Response, () => {});
  return { status, body, logged };
}

describe('errorHandler', () => {
  it.each([
    [new InputError('text: required'), 400],
    [new EligibilityInputError('matter: invalid'), 400],
    [new RosterCsvError('roster.csv', ['line 2: bad']), 400],
    [new UnauthenticatedError('a valid bearer token is required'), 401],
    [new ForbiddenError('not your ticket'), 403],
    [new NotFoundError('no hand-off ticket H1'), 404],
    [new ConflictError('ticket H1 is closed'), 409],
    [new TooManyRequestsError('at most 3 queue streams'), 429],
  ])('%s → %i with its message', (error, status) => {
    const r = handle(error);
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ error: error.message });
    expect(r.logged).toEqual([]);
  });

  it('answers 5xx without the cause, and logs it', () => {
    for (const [error, status] of [
      [new DataFileError('/srv/lawline/knowledge/guides/x.yaml', 'not valid YAML'), 500],
      [new ConfigError('invalid configuration: PORT'), 500],
      [new WechatApiError(40001, 'WeChat /cgi-bin/token: 40001 invalid credential'), 502],
      [new TypeError("Cannot read properties of undefined (reading 'id')"), 500],
    ] as const) {
      const r = handle(error);
      expect(r.status).toBe(status);
      expect(r.body.error).not.toContain(error.message);
      expect(r.logged.join('')).toContain('request failed');
    }
  });
});
