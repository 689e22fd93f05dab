/**
 * @module bot/dialogs/document-dialog
 * The document-draft conversation: starts from a request such as “劳动仲裁申请书怎么写”, reuses what the
 * conversation already holds (the kind and case type named, the county, the name and phone of a pre-application,
 * the story told earlier), asks only what is still missing — numbered choices for the kind and case type — and
 * answers with a short-lived download link (Word and PDF) plus where to send it and its legal basis. 取消 ends it;
 * 转人工, a new request to write, or a question typed where a numbered pick was asked ends it and lets the router
 * handle that message afresh.
 */
import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog, DialogTurnStatus, WaterfallDialog,
  type DialogContext, type DialogTurnResult, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { DRAFT_LINK_MINUTES } from '../../config/limits.js';
import { documentKinds, type DocumentKind } from '../../documents/document-kinds.js';
import { DOWNLOAD_PATH } from '../../documents/draft-links.js';
import type { DraftFields, DraftSpec } from '../../documents/draft-request.js';
import { receivingBody } from '../../documents/receiving-body.js';
import { CANCEL_PATTERN, cleanReply, HANDOFF_PATTERN } from '../bot-replies-zh.js';
import type { SaidAboutCase } from '../conversation-data.js';
import { answerOptions, createAnswerPrompt, waitingAnswer } from './answer-prompt.js';
import type { DialogDeps } from './dialog-deps.js';
import { DOCUMENT_REPLIES as R } from './document-replies-zh.js';
import { asksForDraft, documentParsers, kindChoices, nextQuestion, promptKey, storyFor, type DraftState, type Question } from './document-questions.js';

export const DOCUMENT_DIALOG = 'document';
const GATHER = 'document.gather';
const ANSWER = 'document.answer';

/** How the dialog starts: what the conversation already knows. */
export interface DocumentDialogOptions {
  kind?: DocumentKind;
  variant?: string;
  county?: string;
  applicant?: DraftFields['applicant'];
  said?: SaidAboutCase[];
}
/** How it ended: the link's token when a draft was made; `reroute` asks the router to handle the last message afresh. */
export interface DocumentDialogResult { token?: string; reroute?: boolean; cancelled?: boolean }

const emptyFields = (): DraftFields => ({ applicant: {}, respondent: {}, claims: [], facts: '', evidence: [] });
const lawRef = (b: { law: string; article: number; paragraph?: number }) => `《${b.law}》第${b.article}条${b.paragraph ? `第${b.paragraph}款` : ''}`;

/** The questions answered by picking a number; anything else typed there is taken as a new message. */
const CHOICE_KEYS = /^(kind|variant:.*|reuseFacts)$/;

export class DocumentDialog extends ComponentDialog<DocumentDialogOptions> {
  private readonly parsers = documentParsers();

  constructor(private readonly deps: DialogDeps) {
    super(DOCUMENT_DIALOG);
    const parsers = this.parsers;
    this.addDialog(createAnswerPrompt(ANSWER, parsers, { region: deps.lawline.region, recognise: deps.lawline.recognise }));
    this.addDialog(new WaterfallDialog<DraftState>(GATHER, [(s) => this.askNext(s), (s) => this.store(s)]));
  }

  protected override async onBeginDialog(dc: DialogContext, options?: DocumentDialogOptions): Promise<DialogTurnResult> {
    const o = options ?? {};
    const state: DraftState = {
      kind: o.kind, variant: o.variant, county: o.county, said: o.said ?? [], asked: [],
      fields: { ...emptyFields(), applicant: { ...o.applicant } },
    };
    await dc.context.sendActivity(R.intro);
    return dc.beginDialog(GATHER, state);
  }

  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = cleanReply(dc.context.activity.text ?? '');
    if (CANCEL_PATTERN.test(text)) {
      await dc.cancelAllDialogs();
      await dc.context.sendActivity(R.cancelled);
      return { status: DialogTurnStatus.complete, result: { cancelled: true } satisfies DocumentDialogResult };
    }
    if (HANDOFF_PATTERN.test(text) || asksForDraft(text) || this.isQuestionInsteadOfChoice(dc, text)) {
      await dc.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { reroute: true } satisfies DocumentDialogResult };
    }
    return super.onContinueDialog(dc);
  }

  /** A choice was asked (kind, case type, the facts offered) and the reply is a question of its own, not a pick. */
  private isQuestionInsteadOfChoice(dc: DialogContext, text: string): boolean {
    const waiting = waitingAnswer(dc.activeDialog?.state);
    if (!waiting || !CHOICE_KEYS.test(waiting.key) || this.parsers[waiting.key]?.(text) !== undefined) return false;
    return [...text].length >= 6;
  }

  private async askNext(step: WaterfallStepContext<DraftState>): Promise<DialogTurnResult> {
    const s = step.options;
    const q = nextQuestion(s);
    if (q === null) return this.finish(step, s);
    (step.values as { question?: Question }).question = q;
    const spec = s.kind ? documentKinds().get(s.kind) : undefined;
    const key = promptKey(q, s.kind);
    switch (q) {
      case 'kind': return step.prompt(ANSWER, answerOptions(key, R.chooseKind(kindChoices().map((k) => k.label)), R.chooseKindRetry));
      case 'variant': return step.prompt(ANSWER, answerOptions(key, R.chooseVariant(spec!.variants.map((v) => v.label)), R.chooseVariantRetry));
      case 'applicantName': return step.prompt(ANSWER, answerOptions(key, R.applicantName(spec!.applicant.role), R.nameRetry));
      case 'respondentName': return step.prompt(ANSWER, answerOptions(key, R.respondentName(spec!.respondent.role), R.nameRetry));
      case 'claims': {
        const examples = spec!.variants.find((v) => v.id === s.variant)?.claimExamples ?? spec!.claimExamples;
        return step.prompt(ANSWER, answerOptions(key, R.claims(examples), R.claimsRetry));
      }
      case 'reuseFacts': return step.prompt(ANSWER, answerOptions(key, R.reuseFacts(storyFor(spec!, s.said)!), R.reuseFactsRetry));
      case 'facts': return step.prompt(ANSWER, answerOptions(key, R.facts, R.factsRetry));
      case 'evidence': return step.prompt(ANSWER, answerOptions(key, R.evidence, R.claimsRetry));
    }
  }

  private async store(step: WaterfallStepContext<DraftState>): Promise<DialogTurnResult> {
    const s = structuredClone(step.options);
    const q = (step.values as { question?: Question }).question!;
    const value = this.parsers[promptKey(q, s.kind)]!(step.result as string);
    s.asked.push(q);
    switch (q) {
      case 'kind': s.kind = value as DocumentKind; break;
      case 'variant': s.variant = value as string; break;
      case 'applicantName': if (value) s.fields.applicant.name = value as string; break;
      case 'respondentName': if (value) s.fields.respondent.name = value as string; break;
      case 'claims': s.fields.claims = value as string[]; break;
      case 'reuseFacts': if (value === 'use') s.fields.facts = storyFor(documentKinds().get(s.kind!)!, s.said)!; break;
      case 'facts': s.fields.facts = value as string; break;
      case 'evidence': s.fields.evidence = value as string[]; break;
    }
    return step.replaceDialog(GATHER, s);
  }

  private async finish(step: WaterfallStepContext<DraftState>, s: DraftState): Promise<DialogTurnResult> {
    const spec = documentKinds().get(s.kind!)!;
    const { channelId, conversation } = step.context.activity;
    const draft: DraftSpec = { kind: spec.kind, variant: s.variant, county: s.county, fields: s.fields };
    const link = await this.deps.drafts.links.issue(draft, { channelId, conversationId: conversation.id });
    const path = `${DOWNLOAD_PATH}${link.token}`;
    const url = (format: string) => `${this.deps.drafts.publicUrl ?? ''}${path}?format=${format}`;
    const receiver = receivingBody(spec, await this.deps.region(), s.county);
    const reply = MessageFactory.text([
      R.ready(spec.title),
      R.links(url('docx'), url('pdf'), DRAFT_LINK_MINUTES),
      R.blanks,
      R.receiver(receiver.name, receiver.fromRegion, receiver.confirmed),
      R.basis(spec.basis.map(lawRef).join('、')),
      R.disclaimer,
    ].join('\n'));
    // Rich clients (the widget) show buttons; the path is resolved against the lawline host they talk to.
    reply.channelData = {
      lawline: {
        document: { kind: spec.kind, title: spec.title, expiresAt: new Date(link.expiresAt).toISOString() },
        downloads: [{ format: 'docx', label: 'Word版', path: `${path}?format=docx` }, { format: 'pdf', label: 'PDF版', path: `${path}?format=pdf` }],
      },
    };
    await step.context.sendActivity(reply);
    this.deps.lawline.log.info('document draft offered', { kind: spec.kind, conversation: conversation.id });
    const own = await this.deps.preapplications.latestForConversation(channelId, conversation.id);
    if (own) {
      (await this.deps.conversationData.get(step.context, {})).draftKeepOffer = { token: link.token, reference: own.reference };
      await step.context.sendActivity(R.keepOffer(own.reference));
    }
    return step.endDialog({ token: link.token } satisfies DocumentDialogResult);
  }
}
