/**
 * @module bot/dialogs/eligibility-dialog
 * The legal-aid eligibility conversation: reuses what the citizen already said, asks only what the check still
 * needs (one numbered question at a time), then gives the decision, reasons, materials and where to apply, and
 * offers a pre-application or a duty lawyer. At any step: 取消 ends it, 转人工 leaves a hand-off marker, and an
 * unrelated legal question is answered through lawline.ask before offering to resume.
 */
import {
  ComponentDialog, Dialog, DialogTurnStatus, WaterfallDialog,
  type DialogContext, type DialogTurnResult, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { EligibilityResult } from '../../eligibility/schema.js';
import { BOT_REPLIES, CANCEL_PATTERN, cleanReply, HANDOFF_PATTERN, RESUME_PATTERN } from '../bot-replies-zh.js';
import type { HandoffRequest } from '../conversation-data.js';
import { sendAnswer } from '../send-answer.js';
import { answerOptions, createAnswerPrompt, waitingAnswer, type AnswerParser } from './answer-prompt.js';
import type { DialogDeps } from './dialog-deps.js';
import { mergeRecognition, nextField, runCheck, type EligibilityFacts, type Field } from './eligibility-facts.js';
import { QUESTIONS, type ParseContext } from './eligibility-questions.js';
import { decisionText, materialsText, offersText } from './eligibility-result-text.js';
import { knownFactsText } from './known-facts-text.js';
import { createPreapplicationDialog, PREAPPLICATION_DIALOG, PREAPPLICATION_PARSERS, type PreapplicationOptions } from './preapplication-dialog.js';
import { MAX_MESSAGE_CHARS } from '../../config/limits.js';
import { unfinishedCheck } from '../../upkeep/upkeep-reasons.js';

export const ELIGIBILITY_DIALOG = 'eligibility';
const GATHER = 'eligibility.gather';
const RESULT = 'eligibility.result';
const ANSWER = 'eligibility.answer';

/** How the dialog is started: with the message that asked about legal aid. */
export interface EligibilityDialogOptions { text: string }
/** How it ended; `reroute` asks the bot to handle the last message as a fresh one. */
export interface EligibilityDialogResult { reroute?: boolean; cancelled?: boolean; handoff?: boolean; reference?: string }

interface GatherOptions { facts: EligibilityFacts; asked: Field[] }
/** Scratch values of the waterfalls (step.values). */
interface StepValues { field?: Field; result?: PreapplicationOptions['result'] }
const values = (step: WaterfallStepContext<GatherOptions>) => step.values as StepValues;

type Offer = 'preapply' | 'lawyer' | 'none';
function parseOffer(text: string): Offer | undefined {
  const t = cleanReply(text);
  if (/^(1|预申请|提交预申请|提交)$/.test(t)) return 'preapply';
  if (/^(2|值班律师|律师|找律师)$/.test(t)) return 'lawyer';
  if (/^(3|不用|不需要|暂时不需要|不了|没有了)$/.test(t)) return 'none';
  return undefined;
}

/** Intents that never count as an unrelated legal question in the middle of the check. */
const NOT_A_QUESTION = new Set(['greeting', 'thanks', 'out_of_scope', 'legal_aid', 'progress']);

export class EligibilityDialog extends ComponentDialog<EligibilityDialogOptions> {
  private readonly ctx: ParseContext;
  private readonly parsers: Record<string, AnswerParser>;

  constructor(private readonly deps: DialogDeps) {
    super(ELIGIBILITY_DIALOG);
    this.ctx = { region: deps.lawline.region, recognise: deps.lawline.recognise };
    this.parsers = {
      ...Object.fromEntries(Object.entries(QUESTIONS).map(([k, q]) => [k, q.parse])),
      ...PREAPPLICATION_PARSERS,
      offer: parseOffer,
    };
    this.addDialog(createAnswerPrompt(ANSWER, this.parsers, this.ctx));
    this.addDialog(new WaterfallDialog<GatherOptions>(GATHER, [(s) => this.askNext(s), (s) => this.storeAnswer(s)]));
    this.addDialog(new WaterfallDialog<GatherOptions>(RESULT, [(s) => this.showResult(s), (s) => this.handleOffer(s)]));
    this.addDialog(createPreapplicationDialog(deps, ANSWER));
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: EligibilityDialogOptions): Promise<DialogTurnResult> {
    const text = options?.text ?? '';
    const facts = mergeRecognition({ text }, this.deps.lawline.recognise(text), this.ctx.region);
    const known = knownFactsText(facts);
    await innerDc.context.sendActivity(known ? `${BOT_REPLIES.intro}\n${known}` : BOT_REPLIES.intro);
    return innerDc.beginDialog(GATHER, { facts, asked: [] });
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const text = cleanReply(innerDc.context.activity.text ?? '');
    const waiting = waitingAnswer(innerDc.activeDialog?.state);
    if (CANCEL_PATTERN.test(text)) {
      await innerDc.cancelAllDialogs();
      await innerDc.context.sendActivity(BOT_REPLIES.cancelled);
      return this.finish({ cancelled: true });
    }
    if (HANDOFF_PATTERN.test(text)) return this.handOff(innerDc, 'citizen_request');
    if (waiting?.paused) {
      if (RESUME_PATTERN.test(text)) {
        waiting.paused = false;
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      await innerDc.cancelAllDialogs();
      return this.finish({ reroute: true });
    }
    if (waiting && this.isUnrelatedQuestion(text, waiting.key)) {
      await sendAnswer(innerDc.context, await this.deps.lawline.ask(text.slice(0, MAX_MESSAGE_CHARS)));
      await innerDc.context.sendActivity(BOT_REPLIES.resumeOffer);
      waiting.paused = true;
      return Dialog.EndOfTurn;
    }
    return super.onContinueDialog(innerDc);
  }

  /** Not an answer to the waiting question, but a legal question (or an emergency) of its own. */
  private isUnrelatedQuestion(text: string, key: string): boolean {
    if (this.parsers[key]?.(text, this.ctx) !== undefined) return false;
    const r = this.deps.lawline.recognise(text);
    if (r.risk === 'emergency') return true;
    return [...text].length >= 6 && !NOT_A_QUESTION.has(r.intent);
  }

  private finish(result: EligibilityDialogResult): DialogTurnResult {
    return { status: DialogTurnStatus.complete, result };
  }

  private async handOff(dc: DialogContext, reason: HandoffRequest['reason'], decision?: string): Promise<DialogTurnResult> {
    const data = await this.deps.conversationData.get(dc.context, {});
    data.handoff = { requestedAt: new Date().toISOString(), reason, from: 'eligibility', ...(decision ? { decision } : {}) };
    await dc.cancelAllDialogs();
    await dc.context.sendActivity(BOT_REPLIES.handoff);
    this.deps.lawline.log.info('hand-off requested', { reason, conversation: dc.context.activity.conversation.id });
    return this.finish({ handoff: true });
  }

  private async askNext(step: WaterfallStepContext<GatherOptions>): Promise<DialogTurnResult> {
    const { facts, asked } = step.options;
    // The means test decides which figures to ask for: it reads the standard staff set, as of now.
    const field = nextField(facts, await this.deps.region());
    // A field asked twice would loop forever; the check then works with what it has.
    if (field === null || asked.includes(field)) return step.replaceDialog(RESULT, { facts, asked });
    values(step).field = field;
    const q = QUESTIONS[field];
    return step.prompt(ANSWER, answerOptions(field, q.ask(this.ctx.region), `${q.retry}（回复“取消”可退出）`));
  }

  private async storeAnswer(step: WaterfallStepContext<GatherOptions>): Promise<DialogTurnResult> {
    const field = values(step).field!;
    const text = step.result as string;
    const value = QUESTIONS[field].parse(text, this.ctx);
    // The reply may carry other facts too ("英德，4口人"); the answer itself wins for its own field.
    const facts: EligibilityFacts = { ...mergeRecognition(step.options.facts, this.deps.lawline.recognise(text), this.ctx.region), [field]: value };
    if (field === 'monthlyIncome') facts.incomePer = 'household';
    return step.replaceDialog(GATHER, { facts, asked: [...step.options.asked, field] });
  }

  private async showResult(step: WaterfallStepContext<GatherOptions>): Promise<DialogTurnResult> {
    const { channelId, conversation } = step.context.activity;
    const result: EligibilityResult = runCheck(step.options.facts, await this.deps.region(), conversation.id);
    await this.deps.serviceLog?.eligibilityCheck({
      channelId, conversationId: conversation.id, county: result.whereToApply.county, decision: result.decision, meansTest: result.meansTest,
    });
    // A check the bot could not finish shows staff a gap: the question that started it goes to the review queue.
    if (unfinishedCheck(result) && step.options.facts.text) {
      await this.deps.upkeep?.signal({ reason: 'eligibility_unfinished', question: step.options.facts.text, channelId, conversationId: conversation.id });
    }
    values(step).result = { decision: result.decision, meansTest: result.meansTest, codes: result.codes, reasons: result.reasons };
    this.deps.lawline.log.info('eligibility checked', { decision: result.decision, matter: step.options.facts.matter, county: result.whereToApply.county });
    await step.context.sendActivity(decisionText(result));
    await step.context.sendActivity(materialsText(result));
    return step.prompt(ANSWER, answerOptions('offer', offersText(), '请回复1（提交预申请）、2（转接值班律师）或3（暂时不需要）。'));
  }

  private async handleOffer(step: WaterfallStepContext<GatherOptions>): Promise<DialogTurnResult> {
    const choice = parseOffer(step.result as string);
    const result = values(step).result!;
    if (choice === 'preapply') return step.replaceDialog(PREAPPLICATION_DIALOG, { facts: step.options.facts, result } satisfies PreapplicationOptions);
    if (choice === 'lawyer') return this.handOff(step, 'duty_lawyer', result.decision);
    await step.context.sendActivity(BOT_REPLIES.done);
    return step.endDialog({});
  }
}
