/**
 * @module documents/document-routes
 * The draft API. Public (rate-limited like the other anonymous endpoints): `GET /documents/kinds`, `POST /documents`
 * (the file in the response, never stored), `GET /documents/download/:token` (a conversation's short-lived link;
 * 410 once expired). Staff who may read pre-applications (agents, admins): the drafts a citizen kept with one.
 * Logs name the kind and format only: drafts carry names, ID numbers and phones.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Region } from '../config/region.js';
import { parseBody } from '../http/parse-body.js';
import { requireRole } from '../http/require-role.js';
import { formatZodIssues, InputError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { REFERENCE_PATTERN } from '../preapplication/reference-number.js';
import { documentKinds } from './document-kinds.js';
import type { DraftLinks } from './draft-links.js';
import { DOCUMENT_FORMATS, documentRequestSchema, type DocumentFormat, type DraftSpec } from './draft-request.js';
import { renderDraft } from './render-draft.js';

const formatQuery = z.object({ format: z.enum(DOCUMENT_FORMATS).default('docx') });

function formatOf(query: unknown): DocumentFormat {
  const parsed = formatQuery.safeParse(query);
  if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
  return parsed.data.format;
}

async function send(res: Response, draft: DraftSpec, format: DocumentFormat, region: Region, log: Logger, via: string): Promise<void> {
  const file = await renderDraft(draft, format, region);
  log.info('document drafted', { kind: draft.kind, format, via, bytes: file.body.length });
  res.attachment(file.filename);
  res.set('Cache-Control', 'no-store');
  res.type(file.contentType).send(file.body);
}

/** What each kind uses, for clients building a form. */
function kindsView() {
  return [...documentKinds().values()].map((k) => ({
    kind: k.kind, title: k.title, label: k.label,
    basis: k.basis,
    fields: {
      applicant: ['name', ...k.applicant.fields.flatMap((f) => (f.key ? [f.key] : []))],
      respondent: ['name', ...k.respondent.fields.flatMap((f) => (f.key ? [f.key] : []))],
      sections: k.sections.map((s) => ({ heading: s.heading, from: s.from })),
    },
    parties: { applicant: k.applicant.role, respondent: k.respondent.role },
    variants: k.variants.map((v) => ({ id: v.id, label: v.label })),
    receiver: { office: k.receiver.office ?? null, countyDependent: Boolean(k.receiver.office), blank: k.receiver.blank },
  }));
}

/** Public routes, mounted under `/api/v1`. */
export function documentRoutes(deps: { region: () => Promise<Region>; links: DraftLinks; log: Logger }): Router {
  const router = Router();
  router.get('/documents/kinds', (_req, res) => {
    res.json({ kinds: kindsView() });
  });
  router.post('/documents', async (req, res) => {
    const { kind, format, variant, county, fields } = parseBody(documentRequestSchema, req.body);
    const draft: DraftSpec = { kind, variant, county, fields: { ...fields, evidence: fields.evidence ?? [] } };
    await send(res, draft, format, await deps.region(), deps.log, 'api');
  });
  router.get('/documents/download/:token', async (req, res) => {
    const format = formatOf(req.query);
    const draft = await deps.links.open(String(req.params.token));
    await send(res, draft, format, await deps.region(), deps.log, 'link');
  });
  return router;
}

/** Staff routes (after `authenticate`), mounted under `/api/v1`: the drafts kept with a pre-application. */
export function keptDraftRoutes(deps: { region: () => Promise<Region>; links: DraftLinks; log: Logger }): Router {
  const router = Router();
  const staff = requireRole('agent', 'admin');
  const reference = (raw: unknown) => {
    const ref = String(raw ?? '').toUpperCase();
    if (!REFERENCE_PATTERN.test(ref)) throw new InputError('ref: expected a reference number like LA-20261126-4821');
    return ref;
  };
  router.get('/preapplications/:ref/documents', staff, async (req, res) => {
    res.json({ documents: await deps.links.kept(reference(req.params.ref)) });
  });
  router.get('/preapplications/:ref/documents/:id', staff, async (req, res) => {
    const format = formatOf(req.query);
    const draft = await deps.links.keptDraft(reference(req.params.ref), String(req.params.id));
    await send(res, draft, format, await deps.region(), deps.log, 'preapplication');
  });
  return router;
}
