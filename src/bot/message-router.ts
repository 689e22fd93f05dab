/**
 * @module bot/message-router
 * Decides what one message is for: an active dialog first; then the eligibility check (legal_aid intent, or a
 * yes to the offer made after an answer about legal aid); then progress queries (a reference number in the
 * text, or the progress intent); then a conversation tool (a calculator) when the question asks for an amount or a
 * date; everything else gets the same answer as /api/v1/ask.
 */
import type { TurnContext } from 'botbuilder';
import { DialogTurnStatus, type DialogSet } from 'botbuilder-dialogs';
import { isUnsureAnswer, LOW_CONFIDENCE } from '../assistant/ask.js';
import { withReading } from '../assistant/clarify.js';
import { findReferenceNumber } from '../preapplication/reference-number.js';
import { ASK_FOR_REFERENCE, notFoundReply, progressReply } from '../preapplication/progress-reply.js';
import { handoffHook } from '../handoff/handoff-middleware.js';
import { ACCEPT_OFFER_PATTERN, BOT_REPLIES, cleanReply, feedbackVote, HANDOFF_PATTERN } from './bot-replies-zh.js';
import { takeVote } from './feedback-event.js';
import { maskPersonalData } from '../logging/mask.js';
import { unsureAnswer } from '../upkeep/upkeep-reasons.js';
import type { DialogDeps } from './dialogs/dialog-deps.js';
import { ELIGIBILITY_DIALOG, type EligibilityDialogOptions, type EligibilityDialogResult } from './dialogs/eligibility-dialog.js';
import { sendAnswer } from './send-answer.js';
import { ACCEPT_TOOL_PATTERN, findTool } from './dialogs/conversation-tools.js';
import { menuAction } from '../assistant/service-menu.js';
import { MAX_MESSAGE_CHARS } from '../config/limits.js';
import type { Recognition } from '../understanding/recognizer.js';
import { consultationOutcome, countedTopic, isConsultation, type ConsultationOutcome } from '../stats/service-log.js';
import type { ConversationData } from './conversation-data.js';
import { answerKeepOffer, rememberSaid, startDraftOnRequest } from './dialogs/document-offer.js';

/** Handles one message turn; state is saved by the caller. */
export async function routeMessage(context: TurnContext, dialogs: DialogSet, deps: DialogDeps): Promise<void> {
  // --- hand-off (src/handoff): while a ticket owns this conversation the message is the lawyer's; the bot stays silent ---
  const handoff = handoffHook(context);
  if (handoff && (await handoff.takeMessage(context))) return;
  // --- end hand-off ---
  // A long chat message is cut to the shared limit (the HTTP API refuses it; a chat should not).
  let text = (context.activity.text ?? '').trim().slice(0, MAX_MESSAGE_CHARS);
  if (!text) {
    await context.sendActivity(BOT_REPLIES.empty);
    return;
  }
  const dc = await dialogs.createContext(context);
  if (dc.activeDialog) {
    const turn = await dc.continueDialog();
    const ended = turn.result as EligibilityDialogResult | undefined;
    // --- hand-off: the dialog left a marker (转人工, or the duty-lawyer offer after the check) ---
    const marker = (await deps.conversationData.get(context, {})).handoff;
    if (handoff && marker) {
      const data = await deps.conversationData.get(context, {});
      delete data.handoff;
      // The citizen accepted the duty-lawyer offer (or asked for a person) inside the legal-aid check: that
      // question, too, was answered by a person.
      await countConsultation(context, deps, data, { intent: 'legal_aid', topic: null, risk: null }, 'handed_off');
      await handoff.request(context, { reason: marker.reason, eligibility: marker.decision });
      return;
    }
    // --- end hand-off ---
    if (turn.status !== DialogTurnStatus.complete || !ended?.reroute) return;
  }

  const data = await deps.conversationData.get(context, {});
  // 有用 / 没用 right after an answer is a vote on it; any other message ends the chance to vote.
  const vote = feedbackVote(text);
  if (vote !== undefined && (await takeVote(context, deps, data, { helpful: vote }))) return;
  const lastAnswer = data.lastAnswer;
  delete data.lastAnswer;
  const toolOffer = data.toolOffer;
  delete data.toolOffer;
  if (toolOffer && ACCEPT_TOOL_PATTERN.test(cleanReply(text))) {
    await dc.beginDialog(toolOffer.id, toolOffer.options);
    return;
  }
  const offer = data.eligibilityOffer;
  delete data.eligibilityOffer;
  if (offer && ACCEPT_OFFER_PATTERN.test(cleanReply(text))) {
    await dc.beginDialog(ELIGIBILITY_DIALOG, { text: offer.text } satisfies EligibilityDialogOptions);
    return;
  }
  // --- document drafts: 附到预申请 keeps the draft just made with the conversation's pre-application ---
  if (await answerKeepOffer(context, deps, text)) return;
  // --- end document drafts ---
  // A number answering the greeting's service menu: show its prompt, or handle it as what the citizen picked.
  const menu = data.serviceMenu ? menuAction(cleanReply(text)) : null;
  delete data.serviceMenu;
  if (menu && 'show' in menu) {
    await context.sendActivity(menu.show);
    return;
  }
  if (menu) text = menu.say;
  // A number answering the readings offered for an unclear question: answer that question as the citizen meant it.
  const pending = data.clarification;
  delete data.clarification;
  const picked = pending?.readings[Number(/^([1-9])$/.exec(cleanReply(text))?.[1] ?? 0) - 1];
  const question = pending && picked ? pending.text : text;
  const r = picked ? withReading(deps.lawline.recognise(question), picked) : deps.lawline.recognise(text);
  // --- hand-off: the citizen asks for a person ---
  if (handoff && (r.intent === 'human' || HANDOFF_PATTERN.test(text))) {
    await logConsultation(context, deps, data, r, 'handed_off');
    // The question the citizen wanted a person for is the one answered last (转人工 itself says nothing).
    if (lastAnswer) await deps.upkeep?.signal({ reason: 'handed_off', question: lastAnswer.question, ...where(context) });
    await handoff.request(context, { reason: 'citizen_request' });
    return;
  }
  // --- end hand-off ---
  const reference = picked ? null : findReferenceNumber(text);
  if (reference || r.intent === 'progress') {
    await logConsultation(context, deps, data, r, 'bot');
    await context.sendActivity(await progress(context, deps, reference));
    return;
  }
  // --- document drafts: 申请书怎么写 starts the draft conversation ---
  if (await startDraftOnRequest(context, dc, deps, question, r)) return;
  rememberSaid(data, question, r);
  // --- end document drafts ---
  // A question that ends in a number or a date (能拿多少补偿, 上诉期到哪天): the tool that works it out.
  const tool = findTool(question, r, deps);
  if (tool?.mode === 'start') {
    await logConsultation(context, deps, data, r, 'bot');
    await dc.beginDialog(tool.tool.id, tool.options);
    return;
  }
  if (r.intent === 'legal_aid' && r.risk !== 'emergency') {
    await logConsultation(context, deps, data, r, 'bot');
    await dc.beginDialog(ELIGIBILITY_DIALOG, { text: question } satisfies EligibilityDialogOptions);
    return;
  }

  const result = await deps.lawline.answer(r);
  await sendAnswer(context, result);
  const unsure = isUnsureAnswer(result);
  // An emergency is handed to a duty lawyer right after the answer (afterAnswer below): a person takes it over.
  const outcome = consultationOutcome({ handedOff: Boolean(handoff) && r.risk === 'emergency', clarified: Boolean(result.clarification), unsure });
  await logConsultation(context, deps, data, r, outcome);
  // Masked: the conversation state is stored, and the vote that may follow stores this question with it.
  if (!result.clarification && isConsultation(result.intent)) data.lastAnswer = { question: maskPersonalData(question) };
  // A question the bot was unsure of goes to staff (a clarifying question is not an answer yet: the reading picked is).
  if (!result.clarification && unsureAnswer(result)) await deps.upkeep?.signal({ reason: 'unanswered', question, ...where(context) });
  if (result.intent === 'greeting' && !result.clarification) data.serviceMenu = true;
  // --- hand-off: an emergency opens a priority ticket; a second unsure answer in a row offers a lawyer ---
  if (handoff) await handoff.afterAnswer(context, { risk: r.risk, lowConfidence: result.confidence < LOW_CONFIDENCE });
  // --- end hand-off ---
  if (result.clarification) {
    // Numbers now pick a reading, so no other numbered offer is made in this turn.
    data.clarification = { text: question, readings: result.clarification.map(({ intent, domain }) => ({ intent, domain })) };
    return;
  }
  // The answer stays exactly /api/v1/ask's; an offer (a tool for this question, or the eligibility check) comes as a
  // message of its own, one at a time so 回复1 means one thing.
  if (tool) {
    data.toolOffer = { id: tool.tool.id, options: tool.options };
    await context.sendActivity(tool.offer);
  } else if (result.guides.some((g) => g.id === 'legal-aid')) {
    data.eligibilityOffer = { text: question };
    await context.sendActivity(BOT_REPLIES.eligibilityOffer);
  }
}

/** The channel and conversation a signal for the review queue came from. */
const where = (context: TurnContext) => ({ channelId: context.activity.channelId, conversationId: context.activity.conversation.id });


/** Counts the question for the overview: channel, intent, topic, county (named now or earlier), who answered. */
async function logConsultation(context: TurnContext, deps: DialogDeps, data: ConversationData, r: Recognition, outcome: ConsultationOutcome): Promise<void> {
  const named = r.entities.find((e) => e.type === 'county');
  if (named?.type === 'county') data.county = named.value.name;
  if (!isConsultation(r.intent)) return;
  await countConsultation(context, deps, data, { intent: r.intent, topic: countedTopic(r.intent, r.domain), risk: r.risk }, outcome);
}

async function countConsultation(context: TurnContext, deps: DialogDeps, data: ConversationData,
  q: { intent: string; topic: string | null; risk: 'emergency' | null }, outcome: ConsultationOutcome): Promise<void> {
  if (!deps.serviceLog) return;
  const { channelId, conversation } = context.activity;
  await deps.serviceLog.consultation({ channelId, conversationId: conversation.id, ...q, county: data.county ?? null, outcome });
}

async function progress(context: TurnContext, deps: DialogDeps, written: string | null): Promise<string> {
  const { channelId, conversation } = context.activity;
  if (written) {
    const record = await deps.preapplications.get(written);
    return record ? progressReply(record) : notFoundReply(written);
  }
  const own = await deps.preapplications.latestForConversation(channelId, conversation.id);
  if (own) return progressReply(own);
  const remembered = (await deps.userData.get(context, {})).lastReference;
  const record = remembered ? await deps.preapplications.get(remembered) : null;
  return record ? progressReply(record) : ASK_FOR_REFERENCE;
}
