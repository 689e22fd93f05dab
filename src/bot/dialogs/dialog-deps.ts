/**
 * @module bot/dialogs/dialog-deps
 * What the dialogs need from the rest of the system.
 */
import type { StatePropertyAccessor } from 'botbuilder';
import type { Answerer, Recogniser, RegionFacts, Runtime } from '../../assistant/services.js';
import type { Region } from '../../config/region.js';
import type { ServiceLog } from '../../stats/service-log.js';
import type { AnswerFeedback } from '../../feedback/answer-feedback.js';
import type { ReviewQueue } from '../../upkeep/review-queue.js';
import type { PreapplicationStore } from '../../preapplication/preapplication-store.js';
import type { DraftLinks } from '../../documents/draft-links.js';
import type { ConversationData, UserData } from '../conversation-data.js';
import type { CalculatorData } from '../../calculators/calculate.js';

/** The assistant's services the dialogs use: answers, understanding, the region's facts and the log. */
export type DialogServices = Answerer & Pick<Recogniser, 'recognise'> & Pick<RegionFacts, 'region'> & Pick<Runtime, 'log'>;

export interface DialogDeps {
  lawline: DialogServices;
  preapplications: PreapplicationStore;
  conversationData: StatePropertyAccessor<ConversationData>;
  userData: StatePropertyAccessor<UserData>;
  /** The region with the hardship standard staff set (read per check, so a change applies at once). */
  region(): Promise<Region>;
  /** Where handled questions and eligibility checks are counted for the overview. */
  serviceLog?: ServiceLog;
  /** Download links for drafts; `publicUrl` makes them whole URLs (WeChat needs that), else they are paths. */
  drafts: DraftOptions;
  /** The local figures and holiday calendar the calculators read. */
  calculators: CalculatorData;
  /** Today in China (YYYY-MM-DD): relative dates and days left are reckoned from it. */
  today(): string;
  /** Where 有用 / 没用 votes on answers go; votes are not taken when omitted. */
  feedback?: AnswerFeedback;
  /** The knowledge-upkeep review queue: questions the bot could not answer well. */
  upkeep?: Pick<ReviewQueue, 'signal'>;
}

export interface DraftOptions { links: DraftLinks; publicUrl?: string }
