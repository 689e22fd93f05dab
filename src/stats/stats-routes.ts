/**
 * @module stats/stats-routes
 * `GET /api/v1/stats/overview?from=&to=&county=` and its CSV export `GET /api/v1/stats/overview.csv?view=…` for
 * admins and supervisors (who may read nothing else); `GET /api/v1/transcripts/:conversationId?channel=` for admins
 * only, audited (the dashboard shows aggregates; a transcript is what a citizen wrote).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Region } from '../config/region.js';
import { formatZodIssues, InputError } from '../errors.js';
import { currentAccount, requireRole } from '../http/require-role.js';
import { statsOverview, type OverviewDeps } from './overview.js';
import { OVERVIEW_VIEWS, overviewCsv, type OverviewLabels } from './overview-csv.js';
import { overviewQuery } from './overview-query.js';
import { viewTranscript, type TranscriptViewDeps } from './transcript-view.js';

export interface StatsRoutesDeps {
  overview: OverviewDeps;
  region: Region;
  /** The labels the CSV names its items by (the ones GET /api/v1/meta serves). */
  labels: OverviewLabels;
  transcripts: TranscriptViewDeps;
}

const csvQuerySchema = z.object({ view: z.enum([...OVERVIEW_VIEWS, 'all']).default('all') }).passthrough();
const transcriptQuerySchema = z.object({ channel: z.string().trim().min(1).max(40).optional() }).strict();
const conversationIdSchema = z.string().min(1).max(200);

/** Mount under /api/v1 after `authenticate`. */
export function statsRoutes(deps: StatsRoutesDeps): Router {
  const router = Router();
  const readers = requireRole('admin', 'supervisor');
  router.get('/stats/overview', readers, async (req, res) => {
    res.json(await statsOverview(deps.overview, overviewQuery(req.query, deps.region)));
  });
  router.get('/stats/overview.csv', readers, async (req, res) => {
    const parsed = csvQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
    const { view, ...rest } = parsed.data;
    const q = overviewQuery(rest, deps.region);
    const csv = overviewCsv(await statsOverview(deps.overview, q), view, deps.labels);
    const county = q.county ? `-${q.county[2]}` : '';
    res.type('text/csv; charset=utf-8').attachment(`lawline-overview-${view}-${q.from}-${q.to}${county}.csv`).send(csv);
  });
  router.get('/transcripts/:conversationId', requireRole('admin'), async (req, res) => {
    const id = conversationIdSchema.safeParse(req.params.conversationId);
    if (!id.success) throw new InputError('conversationId: must be 1 to 200 characters');
    const query = transcriptQuerySchema.safeParse(req.query);
    if (!query.success) throw new InputError(formatZodIssues(query.error));
    res.json(await viewTranscript(deps.transcripts, { conversationId: id.data, channelId: query.data.channel, actor: currentAccount(res).username }));
  });
  return router;
}
