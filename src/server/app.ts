/**
 * @module server/app
 * The express application: health, the JSON API and the Bot Framework endpoint. Channels mount here.
 */
import express, { type Express } from 'express';
import {
  CloudAdapter,
  type TurnContext,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { withStaffData, type Lawline } from '../assistant/lawline.js';
import { authRoutes } from '../accounts/auth-routes.js';
import { parseBody } from '../http/parse-body.js';
import { authenticate } from '../http/require-role.js';
import { mountAgentAssist } from '../agent-assist/mount-agent-assist.js';
import { LawlineBot } from '../bot/lawline-bot.js';
import { mountHandoff } from '../handoff/mount-handoff.js';
import { DIRECTLINE_BASE, mountDirectLine } from '../channels/directline/index.js';
import { createWechatRouter, wechatSettings } from '../channels/wechat/index.js';
import { botFrameworkActivitySchema } from '../channels/botframework-activity.js';
import { LocalChannelAdapter, type TurnLock } from '../channels/local-adapter.js';
import { TurnQueue } from '../channels/turn-queue.js';
import { createSqlFollowUpStore, createWechatMessageRepository } from '../storage/repositories/wechat-repository.js';
import { transcriptMiddleware } from '../storage/transcript-middleware.js';
import { PATHS } from '../config/paths.js';
import { NotFoundError } from '../errors.js';
import { preapplicationRoutes } from '../preapplication/preapplication-routes.js';
import { createAnswerFeedback } from '../feedback/answer-feedback.js';
import { feedbackRoutes } from '../feedback/feedback-routes.js';
import { createHardshipStandards } from '../staff-data/hardship-standard.js';
import { staffDataRoutes } from '../staff-data/staff-data-routes.js';
import { loadCases } from '../knowledge/cases.js';
import { createLoginAudit } from '../accounts/login-audit.js';
import { auditRoutes } from '../staff-data/audit-routes.js';
import { createStaffCaseLibrary } from '../staff-data/case-library.js';
import { caseLibraryRoutes } from '../staff-data/case-library-routes.js';
import { directoryRoutes } from '../staff-data/directory-routes.js';
import { createServiceDirectory } from '../staff-data/service-directory.js';
import { createAuditRepository } from '../storage/repositories/audit-repository.js';
import { createStaffCaseRepository, createStaffOfficeRepository } from '../storage/repositories/staff-overlay-repository.js';
import { createServiceLog } from '../stats/service-log.js';
import { statsRoutes } from '../stats/stats-routes.js';
import { mountDashboard } from '../stats/mount-dashboard.js';
import { createFeedbackRepository } from '../storage/repositories/feedback-repository.js';
import { createHardshipStandardRepository } from '../storage/repositories/hardship-standard-repository.js';
import { createOverviewRepository } from '../storage/repositories/overview-repository.js';
import { createServiceLogRepository } from '../storage/repositories/service-log-repository.js';
import { createUpkeepRepository } from '../storage/repositories/upkeep-repository.js';
import { createKnowledgeEdits } from '../upkeep/knowledge-edits.js';
import { createKnowledgeSync } from '../upkeep/knowledge-sync.js';
import { createReviewQueue } from '../upkeep/review-queue.js';
import { upkeepRoutes } from '../upkeep/upkeep-routes.js';
import { errorHandler } from './error-handler.js';
import { openLawlineState, type LawlineState } from './lawline-state.js';
import { apiV1Routes } from './routes/api-v1.js';
import { staffLabels } from './routes/staff-labels.js';
import { createTranscriptViewRepository } from '../storage/repositories/transcript-view-repository.js';
import { calculateRoutes } from '../calculators/calculate-routes.js';
import { loadCalculatorData } from '../calculators/calculate.js';
import { securityHeaders, staffPageHeaders, STAFF_PATHS } from './security-headers.js';
import { PUBLIC_API_PATHS, rateLimits } from './rate-limits.js';
import { createMetrics } from './metrics.js';
import { widgetCors } from './cross-origin.js';
import { timeQueries } from '../storage/timed-queries.js';
import { DRAFT_LINK_MINUTES } from '../config/limits.js';
import { createDraftLinks } from '../documents/draft-links.js';
import { documentRoutes, keptDraftRoutes } from '../documents/document-routes.js';
import { createDocumentDraftRepository } from '../storage/repositories/document-draft-repository.js';
import { createConversationStore } from '../storage/repositories/directline-repository.js';
import { Drain } from './graceful-shutdown.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** JSON bodies above this are refused (413); questions themselves are capped far lower. */
const BODY_LIMIT = '256kb';

/**
 * `state` (accounts, pre-applications, bot state…) defaults to the database the configuration names
 * (LAWLINE_DATABASE_URL, else SQLite in LAWLINE_STATE_DIR / LAWLINE_DATA_DIR); the caller closes it.
 */
export async function createApp(assistant: Lawline, given?: LawlineState): Promise<Express> {
  const state = given ?? (await openLawlineState(assistant.config, { log: assistant.log }));
  const { config, log } = assistant;
  const { sql } = state;
  // The turns of one conversation run one after another in every process: with a shared database, under a lock.
  const turnLock: TurnLock | undefined = sql.shared ? (key, turn) => sql.withLock(`turn:${key}`, turn) : undefined;
  const app = express();
  app.disable('x-powered-by');
  // Behind the city's reverse proxy the client IP comes from X-Forwarded-For, trusted only as configured.
  if (config.LAWLINE_TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(config.LAWLINE_TRUST_PROXY) ? Number(config.LAWLINE_TRUST_PROXY) : config.LAWLINE_TRUST_PROXY);
  // API answers are fresh JSON nobody revalidates; hashing each body for an ETag only cost time (static files keep theirs).
  app.set('etag', false);
  // First: on SIGTERM new requests are refused while the ones in flight finish (see drainApp).
  const drain = new Drain();
  app.use(drain.requests());
  const metrics = createMetrics();
  app.use(metrics.requests);
  timeQueries(sql, metrics.database);
  app.use(securityHeaders());
  app.use(STAFF_PATHS, staffPageHeaders());
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));

  app.get('/metrics', metrics.endpoint(config.LAWLINE_METRICS_TOKEN));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', startup: lawline.startup, docs: lawline.index.docs.count });
  });
  // --- abuse limits on the public endpoints (src/server/rate-limits.ts); staff endpoints need a login instead ---
  const limits = rateLimits(config, metrics.rateLimited);
  const crossOrigin = widgetCors(config.LAWLINE_WIDGET_ORIGINS);
  app.use([DIRECTLINE_BASE, ...PUBLIC_API_PATHS, '/api/v1/meta'], crossOrigin);
  app.use(PUBLIC_API_PATHS, limits.api);
  app.use(DIRECTLINE_BASE, ...limits.directLine);
  app.use('/wechat', limits.wechat);
  // --- the bureau's workspace: the hardship standard staff set, answer feedback, the service log and the overview ---
  const standards = createHardshipStandards(createHardshipStandardRepository(sql));
  // The data staff keep over the files (service directory, cases), read from the database when used, so an edit
  // applies at once; every channel answers through `lawline`, the assistant with them.
  const directory = createServiceDirectory(createStaffOfficeRepository(sql), assistant.region);
  const regionNow = async () => standards.region(await directory.region());
  const lawTitles = new Set(assistant.index.docs.laws.map((l) => l.title));
  const caseLibrary = createStaffCaseLibrary(createStaffCaseRepository(sql), loadCases(PATHS.cases).cases, {
    lawExists: (law) => lawTitles.has(law),
    articleExists: (law, article) => assistant.index.findArticle(law, article) !== undefined,
  });
  const lawline = withStaffData(assistant, { region: regionNow, cases: () => caseLibrary.staffCases() });
  const auditRepo = createAuditRepository(sql);
  const serviceLog = createServiceLog(createServiceLogRepository(sql), log);
  const feedbackRepo = createFeedbackRepository(sql);
  // --- knowledge upkeep (src/upkeep): the review queue, staff edits laid over this process's knowledge, kept in step ---
  const upkeepRepo = createUpkeepRepository(sql);
  const reviewQueue = createReviewQueue(upkeepRepo, log);
  const knowledgeSync = createKnowledgeSync(upkeepRepo, { overlay: lawline.overlay, pipeline: lawline.pipeline, bank: lawline.learned.bank }, log);
  await knowledgeSync.refresh();
  knowledgeSync.start(config.LAWLINE_KNOWLEDGE_POLL_SECONDS * 1000);
  const slugOf = (topic: string) => lawline.priors.slugOf(topic);
  const knowledgeEdits = createKnowledgeEdits({
    repo: upkeepRepo, articles: lawline.index, bank: lawline.learned.bank, slugOf, guideIds: new Set(lawline.guides.keys()), applied: () => knowledgeSync.refresh(), log,
  });
  const feedback = createAnswerFeedback(feedbackRepo, log, Date.now, async (vote) => {
    if (!vote.helpful) await reviewQueue.signal({ reason: 'not_helpful', question: vote.question, conversationId: vote.conversationId ?? null });
  });
  // --- end knowledge upkeep ---
  // --- end workspace ---
  // --- calculators (src/calculators): local figures and the holiday calendar are read once, at start-up ---
  const calculatorData = loadCalculatorData();
  // --- document drafts (src/documents): links signed with the deployment's token key, like Direct Line tokens ---
  const draftLinks = createDraftLinks(createDocumentDraftRepository(sql), state.tokenSecret ?? (await createConversationStore(sql).signingKey()),
    { ttlMs: DRAFT_LINK_MINUTES * 60_000 });
  const drafts = { region: regionNow, links: draftLinks, log };
  // --- end document drafts ---
  app.use('/api/v1', apiV1Routes(lawline, { region: regionNow, serviceLog, counties: lawline.region.counties, upkeep: reviewQueue }), feedbackRoutes(feedback), documentRoutes(drafts), calculateRoutes(calculatorData));
  app.use('/api/v1', authenticate(state.accounts), authRoutes(state.accounts, log, { audit: createLoginAudit(auditRepo) }), preapplicationRoutes(state.preapplications, log), keptDraftRoutes(drafts),
    staffDataRoutes(standards, log), caseLibraryRoutes(caseLibrary, log),
    directoryRoutes(directory, log), auditRoutes(auditRepo), statsRoutes({
      overview: { repo: createOverviewRepository(sql), feedback: feedbackRepo, upkeep: upkeepRepo, caseLibrary: () => caseLibrary.counts() }, region: lawline.region, labels: { ...staffLabels(), intent: Object.fromEntries(lawline.intentLabels) },
      transcripts: { transcripts: state.transcripts, repo: createTranscriptViewRepository(sql) },
    }),
    upkeepRoutes({
      queue: reviewQueue, edits: knowledgeEdits, articles: lawline.index, bank: lawline.learned.bank, slugOf,
      entries: () => lawline.overlay.entries(lawline.learned.bank),
    }));
  mountDashboard(app); // the bureau's dashboard page at /admin, with Chart.js served from node_modules
  mountAgentAssist(app, lawline, state.accounts); // hotline agent console: POST /api/v1/assist and the /agent page

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error('bot turn failed', { error });
    await context.sendActivity('抱歉，系统出了点问题，请稍后再试，或拨打12348公共法律服务热线。');
  };
  // --- transcripts (src/storage): every adapter (Bot Framework here, Direct Line and WeChat below) logs to state.transcripts ---
  const withTranscripts = <A extends CloudAdapter | LocalChannelAdapter>(a: A): A => {
    a.use(transcriptMiddleware(state.transcripts));
    return a;
  };
  withTranscripts(adapter);
  // --- end transcripts ---
  const bot = new LawlineBot(lawline, {
    storage: state.storage, preapplications: state.preapplications, region: regionNow, serviceLog,
    drafts: { links: draftLinks, publicUrl: config.LAWLINE_PUBLIC_URL }, calculators: calculatorData, feedback, upkeep: reviewQueue,
  });
  // Every channel's turns go through here, so they are counted by channel once.
  const runTurn = (context: TurnContext) => {
    metrics.turn(context.activity.channelId);
    // Counted while it runs: proactive turns (a lawyer's relayed message, a WeChat answer sent later) have no request.
    return drain.track(bot.run(context));
  };
  // Turns of one conversation run one after another, so dialog state is never written by two turns at once.
  const turns = new TurnQueue();
  app.post('/api/messages', limits.botFramework, async (req, res) => {
    // Checked before the SDK sees it: a malformed activity gets a 400 naming the field, not a 500 from inside a turn.
    const conversationId = parseBody(botFrameworkActivitySchema, req.body).conversation.id;
    const turn = () => adapter.process(req, res, runTurn);
    await turns.run(conversationId, () => (turnLock ? turnLock(`botframework/${conversationId}`, turn) : turn()));
  });

  // --- hand-off to duty lawyers (src/handoff): API, /lawyer console; channels below join with handoff.attach ---
  const handoff = await mountHandoff(app, { lawline, sql, accounts: state.accounts });
  handoff.attachBotFramework(adapter, config.MicrosoftAppId);
  metrics.watchHandoff(async () => {
    const s = await handoff.stats(Date.now() - DAY_MS);
    return { waiting: s.waiting, p50Ms: s.timeToAcceptMs.p50, p90Ms: s.timeToAcceptMs.p90, within30s: s.acceptedWithin30s };
  });
  // --- end hand-off ---
  // --- Direct Line channel (src/channels/directline) and the website widget + demo page (public/) ---
  await mountDirectLine(app, {
    adapter: handoff.attach(withTranscripts(new LocalChannelAdapter(runTurn, turnLock)), 'directline'),
    sql, log, tokenSecret: state.tokenSecret,
  });
  app.use(express.static(PATHS.publicDir, { maxAge: '10m' }));
  // --- end Direct Line ---
  // --- WeChat Official Account channel (src/channels/wechat); answers 503 until WECHAT_TOKEN is set ---
  app.use('/wechat', createWechatRouter({
    settings: wechatSettings(config),
    adapter: handoff.attach(withTranscripts(new LocalChannelAdapter(runTurn, turnLock)), 'wechat'),
    log, followUps: createSqlFollowUpStore(sql), messages: createWechatMessageRepository(sql),
  }));
  // --- end WeChat ---

  app.use((_req, _res, next) => next(new NotFoundError('not found')));
  app.use(errorHandler(log));
  opened.set(app, {
    drain,
    async close() {
      knowledgeSync.stop();
      await handoff.close();
      if (!given) await state.close();
    },
  });
  return app;
}

const opened = new WeakMap<Express, { drain: Drain; close(): Promise<void> }>();

/**
 * Refuses new requests (503) and waits for the requests and bot turns in flight, at most `deadlineMs`.
 * @returns whether everything finished, and how many were still running at the deadline
 */
export async function drainApp(app: Express, deadlineMs: number): Promise<{ drained: boolean; abandoned: number }> {
  return (await opened.get(app)?.drain.drain(deadlineMs)) ?? { drained: true, abandoned: 0 };
}

/** Stops the app's timers and listeners, and closes the state database when createApp opened it. */
export async function closeApp(app: Express): Promise<void> {
  await opened.get(app)?.close();
  opened.delete(app);
}
