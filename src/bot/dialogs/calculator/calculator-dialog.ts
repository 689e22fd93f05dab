/**
 * @module bot/dialogs/calculator/calculator-dialog
 * The calculator conversation: takes what the first message already said, asks only the missing facts (one at a
 * time, numbered choices where there are choices), then gives the result with its working and basis. 取消 ends it,
 * 转人工 leaves a hand-off marker, and a reply that is a new question of its own ends it so the bot answers that.
 */
import { ComponentDialog, DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { calculateUnchecked } from '../../../calculators/calculate.js';
import type { CalculationResult } from '../../../calculators/calculation-result.js';
import { InputError } from '../../../errors.js';
import { NUMERAL_CHARS } from '../../../text/chinese-numerals.js';
import { BOT_REPLIES, CANCEL_PATTERN, cleanReply, HANDOFF_PATTERN } from '../../bot-replies-zh.js';
import { answerOptions, createAnswerPrompt, waitingAnswer, type AnswerParser } from '../answer-prompt.js';
import type { DialogDeps } from '../dialog-deps.js';
import { calculationRequests, factsFromMessage, nextCalculatorField, type CalculatorFacts, type CalculatorField } from './calculator-facts.js';
import { CALCULATOR_QUESTIONS, type CalculatorParseContext } from './calculator-questions.js';
import type { TopicMatch } from './calculator-topics.js';
import { CALCULATOR_DISCLAIMER, calculationText, totalText } from './calculation-text.js';
import { CALCULATOR_REPLIES } from './calculator-replies-zh.js';

export const CALCULATOR_DIALOG = 'calculator';
const GATHER = 'calculator.gather';
const ANSWER = 'calculator.answer';

/** How the dialog starts: the message and the calculator it called for. */
export interface CalculatorDialogOptions { text: string; match: TopicMatch }
interface GatherOptions { facts: CalculatorFacts; asked: CalculatorField[] }

/** Intents that are never a new question in the middle of the calculation. */
const NOT_A_QUESTION = new Set(['greeting', 'thanks', 'out_of_scope']);
/** A reply that is only a date, a sum or a count (2026年11月30日, 6500元): an answer given to the wrong question, never a new one. */
const BARE_FIGURE = new RegExp(`^[0-9０-９${NUMERAL_CHARS}年月日号元块万.．,，、\\s]+$`);

export class CalculatorDialog extends ComponentDialog<CalculatorDialogOptions> {
  private readonly ctx: CalculatorParseContext;
  private readonly parsers: Record<string, AnswerParser>;

  constructor(private readonly deps: DialogDeps) {
    super(CALCULATOR_DIALOG);
    this.ctx = { recognise: deps.lawline.recognise, today: deps.today };
    this.parsers = Object.fromEntries(Object.entries(CALCULATOR_QUESTIONS).map(([k, q]) => [k, (text: string) => q.parse(text, this.ctx)]));
    this.addDialog(createAnswerPrompt(ANSWER, this.parsers, { region: deps.lawline.region, recognise: deps.lawline.recognise }));
    this.addDialog(new WaterfallDialog<GatherOptions>(GATHER, [(s) => this.askNext(s), (s) => this.storeAnswer(s)]));
  }

  protected override async onBeginDialog(dc: DialogContext, options?: CalculatorDialogOptions): Promise<DialogTurnResult> {
    const { text, match } = options!;
    const facts = factsFromMessage(match, this.deps.lawline.recognise(text), this.deps.today());
    await dc.context.sendActivity(CALCULATOR_REPLIES.intro[match.topic]);
    return dc.beginDialog(GATHER, { facts, asked: [] } satisfies GatherOptions);
  }

  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = cleanReply(dc.context.activity.text ?? '');
    if (CANCEL_PATTERN.test(text)) {
      await dc.cancelAllDialogs();
      await dc.context.sendActivity(CALCULATOR_REPLIES.cancelled);
      return { status: DialogTurnStatus.complete, result: { cancelled: true } };
    }
    if (HANDOFF_PATTERN.test(text)) {
      const data = await this.deps.conversationData.get(dc.context, {});
      data.handoff = { requestedAt: new Date().toISOString(), reason: 'citizen_request', from: 'calculator' };
      await dc.cancelAllDialogs();
      await dc.context.sendActivity(BOT_REPLIES.handoff);
      return { status: DialogTurnStatus.complete, result: { handoff: true } };
    }
    const waiting = waitingAnswer(dc.activeDialog?.state);
    if (waiting && this.isNewQuestion(text, waiting.key)) {
      await dc.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { reroute: true } };
    }
    return super.onContinueDialog(dc);
  }

  /** Not an answer to the waiting question, but a question (or an emergency) of its own. */
  private isNewQuestion(text: string, key: string): boolean {
    if (this.parsers[key]?.(text, { region: this.deps.lawline.region, recognise: this.deps.lawline.recognise }) !== undefined) return false;
    if (BARE_FIGURE.test(text)) return false;
    const r = this.deps.lawline.recognise(text);
    return r.risk === 'emergency' || ([...text].length >= 6 && !NOT_A_QUESTION.has(r.intent));
  }

  private async askNext(step: WaterfallStepContext<GatherOptions>): Promise<DialogTurnResult> {
    const { facts, asked } = step.options;
    const field = nextCalculatorField(facts);
    if (field === null || asked.includes(field)) return this.finish(step, facts);
    (step.values as { field?: CalculatorField }).field = field;
    const q = CALCULATOR_QUESTIONS[field];
    return step.prompt(ANSWER, answerOptions(field, q.ask(facts), `${q.retry}（回复“取消”可退出）`));
  }

  private async storeAnswer(step: WaterfallStepContext<GatherOptions>): Promise<DialogTurnResult> {
    const field = (step.values as { field: CalculatorField }).field;
    const answer = CALCULATOR_QUESTIONS[field].parse(step.result as string, this.ctx)!;
    const facts: CalculatorFacts = { ...step.options.facts, notes: [...step.options.facts.notes] };
    // The appeal question refines the matter; every other answer fills its own field.
    if (field === 'appealKind') facts.matter = answer.value as CalculatorFacts['matter'];
    else (facts as unknown as Record<string, unknown>)[field] = answer.value;
    if (answer.note) facts.notes.push(answer.note);
    return step.replaceDialog(GATHER, { facts, asked: [...step.options.asked, field] });
  }

  private async finish(step: WaterfallStepContext<GatherOptions>, facts: CalculatorFacts): Promise<DialogTurnResult> {
    const results: CalculationResult[] = [];
    if (facts.topic === 'overtime' && !facts.weekdayHours && !facts.restDayHours && !facts.holidayHours) {
      await step.context.sendActivity(CALCULATOR_REPLIES.noOvertime);
      return step.endDialog({});
    }
    try {
      for (const request of calculationRequests(facts)) results.push(calculateUnchecked(request, this.deps.calculators, this.deps.today()));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      await step.context.sendActivity(CALCULATOR_REPLIES.badFacts);
      return step.endDialog({});
    }
    this.deps.lawline.log.info('calculated in chat', { kinds: results.map((r) => r.kind) });
    for (const r of results) {
      const notes = r.kind === 'notice_pay' ? [...facts.notes, CALCULATOR_REPLIES.noticePayWage] : facts.notes;
      await step.context.sendActivity(calculationText(r, notes));
    }
    const amounts = results.filter((r) => typeof r.result.amount === 'number');
    const closing = [
      facts.reason === 'notice' && amounts.length > 1 ? totalText(amounts) : '',
      facts.reason === 'unknown' ? CALCULATOR_REPLIES.eitherOr : '',
      CALCULATOR_DISCLAIMER,
    ].filter(Boolean);
    await step.context.sendActivity(closing.join('\n'));
    return step.endDialog({});
  }
}
