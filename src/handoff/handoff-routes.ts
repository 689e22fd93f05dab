/**
 * @module handoff/handoff-routes
 * HTTP API of the hand-off module (mount under `/api/v1` after `authenticate`), and where the lawyer console's
 * static files live. Lawyers: presence, queue (and its push stream), accept, messages, notes, close. Admins: read
 * any conversation, close, roster, stats. Agents: escalate from the assist console.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { currentAccount, requireRole } from '../http/require-role.js';
import { findCounty } from '../config/region.js';
import type { Logger } from '../logging/logger.js';
import { statusOf } from '../http/error-status.js';
import { parseBody } from '../http/parse-body.js';
import { TOPIC_LABELS } from '../vocabulary.js';
import { InputError, NotFoundError } from '../errors.js';
import { parsePhone } from './callback-phone.js';
import type { HandoffService } from './handoff-service.js';
import { PRESENCE } from './handoff-types.js';
import { createQueueStreams } from './queue-stream.js';
import { WindowClosedError } from './relay.js';
import { toLawyer, toRosterInput, type Lawyer } from './roster.js';
import { MAX_MESSAGE_CHARS } from '../config/limits.js';

/** The lawyer console (served at /lawyer). */
export const LAWYER_CONSOLE_DIR = fileURLToPath(new URL('../../public/lawyer', import.meta.url));

const text = (max: number) => z.string({ required_error: 'required', invalid_type_error: 'expected a string' }).trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const presenceSchema = z.object({ status: z.enum(PRESENCE) }).strict();
const callbackSchema = z.object({ status: z.enum(['done', 'unreachable']), note: z.string().max(500).optional() }).strict();
const messageSchema = z.object({ text: text(MAX_MESSAGE_CHARS) }).strict();
const closeSchema = z.object({ returnToBot: z.boolean().optional(), note: text(MAX_MESSAGE_CHARS).optional() }).strict();
const escalateSchema = z.object({
  summary: text(MAX_MESSAGE_CHARS),
  topic: z.enum(TOPIC_LABELS).optional(),
  county: z.string().trim().min(1).optional(),
  phone: z.string().trim().min(1).optional(),
}).strict();
const rosterSchema = z.object({ lawyers: z.array(z.unknown()).max(500) }).strict();
const ID = /^[A-Za-z0-9-]{1,64}$/;

type Handler = (req: Request, res: Response) => unknown;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {
  Promise.resolve(fn(req, res)).catch(next);
};

function ticketId(req: Request): string {
  const id = String(req.params.id ?? '');
  if (!ID.test(id)) throw new NotFoundError('no such hand-off ticket');
  return id;
}

/** The hand-off routes, to mount under `/api/v1` (after `authenticate`). */
export function handoffRoutes(service: HandoffService, log: Logger): Router {
  const router = Router();
  const { lawyers } = service;
  const streams = createQueueStreams(service, log);
  // Every console request of a lawyer is a sign of life for the idle timeout.
  router.use((_req, res, next) => {
    const account = res.locals.lawlineAccount as { username: string; role: string } | null | undefined;
    if (account?.role === 'lawyer') lawyers.heartbeat(account.username);
    next();
  });

  router.put('/lawyers/me/presence', requireRole('lawyer'), wrap(async (req, res) => {
    const { status } = parseBody(presenceSchema, req.body);
    res.json(await lawyers.setPresence(currentAccount(res).username, status));
  }));
  router.get('/handoff/queue', requireRole('lawyer', 'admin'), wrap(async (_req, res) => {
    await service.store.refresh();
    res.json(lawyers.queue(currentAccount(res).username));
  }));
  // Before the /handoff/:id/… routes, so "queue" is never read as a ticket id.
  router.get('/handoff/queue/stream', requireRole('lawyer', 'admin'), wrap((req, res) => {
    streams.open(req, res, currentAccount(res));
  }));
  router.get('/handoff/callbacks', requireRole('lawyer', 'admin'), wrap(async (_req, res) => {
    const region = service.core.region;
    res.json({ callbacks: (await service.store.callbacks()).map((c) => ({ ...c, countyName: c.county ? findCounty(region, c.county)?.name ?? c.county : null })) });
  }));
  router.put('/handoff/callbacks/:id', requireRole('lawyer', 'admin'), wrap(async (req, res) => {
    const { status, note } = parseBody(callbackSchema, req.body);
    const id = Number(req.params.id);
    const actor = currentAccount(res).username;
    const detail = { callback: id, status, ...(note ? { note } : {}) };
    if (!Number.isInteger(id) || !(await service.store.closeCallback(id, status, { actor, event: 'callback_closed', detail }, service.core.clock.now()))) {
      throw new NotFoundError('no open callback request with this id');
    }
    res.json({ id, status });
  }));
  router.get('/handoff/roster', requireRole('admin'), wrap(async (_req, res) => {
    await service.store.refresh();
    res.json({ lawyers: service.roster().map(toRosterInput) });
  }));
  router.put('/handoff/roster', requireRole('admin'), wrap(async (req, res) => {
    const body = parseBody(rosterSchema, req.body);
    const problems: string[] = [];
    const roster: Lawyer[] = [];
    body.lawyers.forEach((entry, i) => {
      const r = toLawyer(entry, service.core.region);
      if ('errors' in r) problems.push(...r.errors.map((e) => `lawyers[${i}].${e}`));
      else roster.push(r.lawyer);
    });
    const names = roster.map((l) => l.username.toLowerCase());
    if (new Set(names).size !== names.length) problems.push('lawyers: a username appears twice');
    if (problems.length) throw new InputError(problems.join('; '));
    await service.replaceRoster(roster, currentAccount(res).username);
    log.info('handoff roster replaced', { lawyers: roster.length, by: currentAccount(res).username });
    res.json({ lawyers: roster.length });
  }));
  router.post('/handoff/escalate', requireRole('agent', 'admin'), wrap(async (req, res) => {
    const body = parseBody(escalateSchema, req.body);
    const county = body.county === undefined ? undefined : findCounty(service.core.region, body.county)?.id;
    if (body.county !== undefined && !county) throw new InputError(`county: "${body.county}" is not a county of ${service.core.region.city.name}`);
    const phone = body.phone === undefined ? undefined : parsePhone(body.phone);
    if (body.phone !== undefined && !phone) throw new InputError('phone: expected a mobile number or a landline with area code');
    res.status(201).json(await lawyers.escalate(currentAccount(res).username, { summary: body.summary, topic: body.topic, county, phone: phone ?? undefined }));
  }));
  router.post('/handoff/:id/accept', requireRole('lawyer'), wrap(async (req, res) => {
    const ticket = await lawyers.accept(ticketId(req), currentAccount(res).username);
    res.json({ id: ticket.id, status: ticket.status, lawyer: ticket.lawyer });
  }));
  router.get('/handoff/:id/messages', requireRole('lawyer', 'admin'), wrap(async (req, res) => {
    const after = Number(req.query.after ?? 0);
    res.json(await lawyers.read(ticketId(req), currentAccount(res), Number.isInteger(after) && after > 0 ? after : 0));
  }));
  router.post('/handoff/:id/messages', requireRole('lawyer'), wrap(async (req, res) => {
    const { text: body } = parseBody(messageSchema, req.body);
    try {
      res.status(201).json(await lawyers.send(ticketId(req), currentAccount(res).username, body));
    } catch (err) {
      if (!(err instanceof WindowClosedError)) throw err;
      res.status(statusOf(err)).json({ error: err.message, code: err.code, window: err.window });
    }
  }));
  router.post('/handoff/:id/notes', requireRole('lawyer'), wrap(async (req, res) => {
    const { text: body } = parseBody(messageSchema, req.body);
    res.status(201).json(await lawyers.note(ticketId(req), currentAccount(res).username, body));
  }));
  router.post('/handoff/:id/close', requireRole('lawyer', 'admin'), wrap(async (req, res) => {
    const body = parseBody(closeSchema, req.body ?? {});
    const ticket = await lawyers.close(ticketId(req), currentAccount(res), body);
    res.json({ id: ticket.id, status: ticket.status, returnToBot: ticket.returnToBot });
  }));
  router.get('/stats/handoff', requireRole('admin'), wrap(async (_req, res) => {
    res.json(await service.stats());
  }));
  return router;
}
