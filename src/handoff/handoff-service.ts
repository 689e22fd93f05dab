/**
 * @module handoff/handoff-service
 * The hand-off module in one object: the citizen side (open, messages), the lawyer side (presence, queue,
 * accept, send, close), the dispatcher, the roster and the stats, over the hand-off repository (SQLite or
 * PostgreSQL). On creation it resumes from the database: waiting tickets keep their places, live chats go on, and
 * — when this is the only process — offers in flight are offered again. `tick()` runs the timeouts; `start()` calls
 * it every second in the server (tests call it by hand). With several processes every one ticks, and each tick
 * runs under the hand-off lock on fresh state, so a timeout is acted on once.
 */
import type { Activity, BotAdapter, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Region } from '../config/region.js';
import type { SqlClient } from '../storage/sql-client.js';
import { createHandoffRepository } from '../storage/repositories/handoff-repository.js';
import type { Logger } from '../logging/logger.js';
import { createCitizenActions } from './citizen-actions.js';
import { createDispatcher } from './dispatcher.js';
import { createHandoffContext, DEFAULT_SETTINGS, systemClock, type Clock, type HandoffSettings } from './handoff-context.js';
import { HANDOFF_TEXT } from './handoff-replies-zh.js';
import { createHandoffStore } from './handoff-store.js';
import type { Recognise } from './handoff-summary.js';
import { handoffMiddleware } from './handoff-middleware.js';
import { createLawyerActions } from './lawyer-actions.js';
import { createRelay, type Deliver } from './relay.js';
import type { Lawyer } from './roster.js';
import { handoffStats } from './stats.js';
import { TranscriptBuffer } from './transcript-buffer.js';

export interface HandoffOptions {
  /** The state database. */
  sql: SqlClient;
  region: Region;
  log: Logger;
  /** The bot's recogniser, for the summary and emergency priority; without it tickets carry no summary. */
  recognise?: Recognise;
  clock?: Clock;
  settings?: Partial<HandoffSettings>;
  /** How messages reach citizens outside a turn; default: through the adapters given to `attach`. */
  deliver?: Deliver;
}

/**
 * A deliverer over a channel adapter that sends proactive messages itself (lawline's LocalChannelAdapter): each
 * message goes through the adapter's proactive sender for the conversation's channel (Direct Line, WeChat…). Typed
 * as botbuilder's BotAdapter so that the hand-off does not depend on the channels built on it.
 */
export function deliverThrough(adapter: BotAdapter): Deliver {
  return (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) =>
    adapter.continueConversation(reference, async (context) => {
      await context.sendActivities(activities);
    });
}

/**
 * @example
 * const handoff = await createHandoffService({ sql: state.sql, region: lawline.region, log, recognise: lawline.recognise });
 * handoff.setDeliver(deliverThrough(localAdapter)); handoff.start();
 */
export async function createHandoffService(options: HandoffOptions) {
  const clock = options.clock ?? systemClock;
  const store = createHandoffStore(createHandoffRepository(options.sql), options.sql, options.log);
  let closed = false;
  const relay = createRelay(store, options.log, clock, options.deliver);
  const core = createHandoffContext({
    store, relay, clock, region: options.region, log: options.log, recognise: options.recognise,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  });
  const dispatcher = createDispatcher(core);
  const citizens = createCitizenActions(core, dispatcher);
  const lawyers = createLawyerActions(core, dispatcher, citizens);
  const transcripts = new TranscriptBuffer();
  let timer: NodeJS.Timeout | undefined;
  const adapters = new Map<string, BotAdapter>();
  let botFramework: Deliver | undefined;
  if (!options.deliver) {
    relay.setDeliver(async (reference, activities) => {
      // Bot Framework channels (Emulator, Azure Bot Service) address the citizen through their connector URL;
      // lawline's own channels have none and go through their local adapter.
      if (botFramework && /^https?:\/\//.test(reference.serviceUrl ?? '')) return botFramework(reference, activities);
      const adapter = adapters.get(reference.channelId ?? '');
      if (!adapter) throw new Error(`handoff: no adapter attached for channel ${reference.channelId}`);
      await deliverThrough(adapter)(reference, activities);
    });
  }

  await store.refresh();
  // Offers in flight were made by a process that is gone only when no other process shares the database.
  if (!options.sql.shared) await dispatcher.resume();
  await dispatcher.dispatch();

  const service = {
    core,
    store,
    dispatcher,
    citizens,
    lawyers,
    /** In-memory bot transcripts, filled by the middleware. */
    transcripts,
    setDeliver: (deliver: Deliver) => relay.setDeliver(deliver),
    /**
     * Joins a channel adapter: its turns pass through the hand-off middleware, and relayed messages for
     * `channelId` go out through its proactive sender. Returns the adapter.
     * @example mountDirectLine(app, { adapter: handoff.attach(new LocalChannelAdapter(run), 'directline'), … })
     */
    attach<A extends BotAdapter>(adapter: A, channelId: string): A {
      adapter.use(middleware);
      adapters.set(channelId, adapter);
      return adapter;
    },
    /**
     * Joins the Bot Framework adapter behind /api/messages: its turns pass through the hand-off middleware, and
     * relayed messages go to the citizen as proactive messages through the channel's connector.
     */
    attachBotFramework(adapter: CloudAdapter, appId: string | undefined): CloudAdapter {
      adapter.use(middleware);
      botFramework = (reference, activities) =>
        adapter.continueConversationAsync(appId ?? '', reference, async (context) => {
          await context.sendActivities(activities);
        });
      return adapter;
    },
    /** Replaces the roster (validated lawyers); offers go out to anyone newly available. */
    async replaceRoster(roster: Lawyer[], actor: string): Promise<void> {
      await store.replaceRoster(roster, actor, clock.now());
      core.rosterChanged();
      await dispatcher.dispatch();
    },
    roster: (): Lawyer[] => core.roster(),
    stats: (since?: number) => handoffStats(store, since),
    /** True once the service (or its database) was closed. */
    closed: (): boolean => closed,
    /** One round of timeouts: missed offers, idle lawyers, expired tickets; then offers again. */
    async tick(): Promise<void> {
      if (closed) return service.stop();
      const expired = await store.exclusive(async () => {
        await dispatcher.expireOffers();
        await dispatcher.expireIdle();
        const gone = await dispatcher.expireQueue();
        await dispatcher.dispatch();
        return gone;
      });
      for (const t of expired) await relay.toCitizen(t, 'system', null, HANDOFF_TEXT.expired, undefined, { state: 'failed', message: 'no lawyer accepted in time' });
    },
    /** Runs `tick()` every `intervalMs` (the timer does not keep the process alive). */
    start(intervalMs = 1000): void {
      timer ??= setInterval(() => {
        service.tick().catch((error: unknown) => options.log.error('handoff tick failed', { error }));
      }, intervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    /** Stops the timer and listening for other processes (before the database is closed). */
    async close(): Promise<void> {
      closed = true;
      service.stop();
      await store.close();
    },
  };
  const middleware = handoffMiddleware({ citizens, transcripts, clock });
  return service;
}

export type HandoffService = Awaited<ReturnType<typeof createHandoffService>>;
