/**
 * @module bot/lawline-bot
 * The one bot behind every channel. It only routes activity types: messages go to the message router (dialogs,
 * progress queries, or the same `ask` as the HTTP API), new members get the greeting. Conversation and user
 * state are saved after every turn.
 */
import { ActivityHandler, ConversationState, MemoryStorage, UserState, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { DialogServices } from './dialogs/dialog-deps.js';
import type { Region } from '../config/region.js';
import type { ServiceLog } from '../stats/service-log.js';
import type { AnswerFeedback } from '../feedback/answer-feedback.js';
import type { ReviewQueue } from '../upkeep/review-queue.js';
import { feedbackEventHandler } from './feedback-event.js';
import { REPLIES } from '../assistant/replies-zh.js';
import { createPreapplicationStore, type PreapplicationStore } from '../preapplication/preapplication-store.js';
import { createPreapplicationRepository } from '../storage/repositories/preapplication-repository.js';
import { memoryStateDatabase } from '../storage/sqlite/memory-state-database.js';
import { STATE_PROPERTIES, type ConversationData, type UserData } from './conversation-data.js';
import type { DialogDeps } from './dialogs/dialog-deps.js';
import { EligibilityDialog } from './dialogs/eligibility-dialog.js';
import { routeMessage } from './message-router.js';
import { randomBytes } from 'node:crypto';
import { DRAFT_LINK_MINUTES } from '../config/limits.js';
import { createDraftLinks } from '../documents/draft-links.js';
import { createDocumentDraftRepository } from '../storage/repositories/document-draft-repository.js';
import type { DraftOptions } from './dialogs/dialog-deps.js';
import { DocumentDialog } from './dialogs/document-dialog.js';
import { CONVERSATION_TOOLS } from './dialogs/conversation-tools.js';
import { loadCalculatorData, type CalculatorData } from '../calculators/calculate.js';
import { lawToday } from '../config/today.js';

export interface LawlineBotOptions {
  /** Bot state storage: SqliteStorage in production; MemoryStorage when omitted. */
  storage?: Storage;
  /** Where pre-applications go; an in-memory store (lost on exit) when omitted. */
  preapplications?: PreapplicationStore;
  /** The region with the hardship standard staff set; the region file's when omitted. */
  region?: () => Promise<Region>;
  /** Where handled questions and eligibility checks are counted; nothing is counted when omitted. */
  serviceLog?: ServiceLog;
  /** Download links for drafts; in-memory links (lost on exit, paths only) when omitted. */
  drafts?: DraftOptions;
  /** The calculators' local figures and holiday calendar; the repository's files when omitted. */
  calculators?: CalculatorData;
  /** Today in China; LAWLINE_TODAY or the clock when omitted. */
  today?: () => string;
  /** Where 有用 / 没用 votes go (a reply right after an answer, or a `feedback` event); none are taken when omitted. */
  feedback?: AnswerFeedback;
  /** The knowledge-upkeep review queue; nothing is filed when omitted. */
  upkeep?: Pick<ReviewQueue, 'signal'>;
}

/**
 * @example
 * const bot = new LawlineBot(lawline, { storage: state.storage, preapplications: state.preapplications });
 * await adapter.process(req, res, (context) => bot.run(context));
 */
export class LawlineBot extends ActivityHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  private readonly dialogs: DialogSet;
  private readonly deps: DialogDeps;

  constructor(lawline: DialogServices, options: LawlineBotOptions = {}) {
    super();
    const storage = options.storage ?? new MemoryStorage();
    this.conversationState = new ConversationState(storage);
    this.userState = new UserState(storage);
    if (!options.preapplications) lawline.log.warn('LawlineBot: no pre-application store given; using an in-memory one');
    this.deps = {
      lawline,
      preapplications: options.preapplications ?? createPreapplicationStore(createPreapplicationRepository(memoryStateDatabase())),
      conversationData: this.conversationState.createProperty<ConversationData>(STATE_PROPERTIES.conversation),
      userData: this.userState.createProperty<UserData>(STATE_PROPERTIES.user),
      region: options.region ?? (async () => lawline.region),
      serviceLog: options.serviceLog,
      drafts: options.drafts ?? {
        links: createDraftLinks(createDocumentDraftRepository(memoryStateDatabase()), randomBytes(32), { ttlMs: DRAFT_LINK_MINUTES * 60_000 }),
      },
      calculators: options.calculators ?? loadCalculatorData(),
      today: options.today ?? (() => lawToday()),
      feedback: options.feedback,
      upkeep: options.upkeep,
    };
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>(STATE_PROPERTIES.dialogs));
    this.dialogs.add(new EligibilityDialog(this.deps));
    this.dialogs.add(new DocumentDialog(this.deps));
    for (const tool of CONVERSATION_TOOLS) this.dialogs.add(tool.createDialog(this.deps));

    this.onMessage(async (context, next) => {
      await routeMessage(context, this.dialogs, this.deps);
      await next();
    });
    // Other channels (Direct Line clients, Bot Framework) vote with an event: {name: 'feedback', value: {helpful, comment?}}.
    const onFeedback = feedbackEventHandler(this.deps);
    this.onEvent(async (context, next) => {
      await onFeedback(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) {
          await context.sendActivity(REPLIES.greeting);
          (await this.deps.conversationData.get(context, {})).serviceMenu = true;
        }
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
