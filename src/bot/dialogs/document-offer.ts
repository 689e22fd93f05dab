/**
 * @module bot/dialogs/document-offer
 * Where the router meets the draft conversation: starts it when a message asks how to write a document, gathering
 * what the conversation already knows; keeps a made draft with the conversation's pre-application when the citizen
 * answers the offer (附到预申请); and remembers what the citizen tells about their case, for the facts of a draft.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { documentKinds } from '../../documents/document-kinds.js';
import type { Recognition } from '../../understanding/recognizer.js';
import { cleanReply } from '../bot-replies-zh.js';
import type { ConversationData } from '../conversation-data.js';
import type { DialogDeps } from './dialog-deps.js';
import { DOCUMENT_DIALOG, type DocumentDialogOptions } from './document-dialog.js';
import { asksForDraft, kindNamedIn, variantNamedIn } from './document-questions.js';
import { DOCUMENT_REPLIES, KEEP_PATTERN, WRITE_REQUEST_PATTERN } from './document-replies-zh.js';

/** Messages about the case kept for a draft's facts. */
const SAID_KEPT = 3;
/** Intents whose messages tell nothing about the case. */
const NOT_A_STORY = new Set(['greeting', 'thanks', 'human', 'progress', 'out_of_scope']);

/**
 * Answers the offer made after a draft in a conversation with a pre-application (附到预申请); the offer stands for
 * the next message only.
 * @returns true when the message accepted the offer
 */
export async function answerKeepOffer(context: TurnContext, deps: DialogDeps, text: string): Promise<boolean> {
  const data = await deps.conversationData.get(context, {});
  const keep = data.draftKeepOffer;
  delete data.draftKeepOffer;
  if (!keep || !KEEP_PATTERN.test(cleanReply(text))) return false;
  const { channelId, conversation } = context.activity;
  const kept = await deps.drafts.links.keepWith(keep.token, { channelId, conversationId: conversation.id }, keep.reference);
  deps.lawline.log.info('document draft kept with a pre-application', { reference: keep.reference, kept });
  await context.sendActivity(kept ? DOCUMENT_REPLIES.kept(keep.reference) : DOCUMENT_REPLIES.keepFailed);
  return true;
}

/**
 * Starts the draft conversation when the message asks how to write a document.
 * @returns true when it started
 */
export async function startDraftOnRequest(context: TurnContext, dc: DialogContext, deps: DialogDeps, text: string, r: Recognition): Promise<boolean> {
  if (r.risk === 'emergency' || !asksForDraft(text)) return false;
  const data = await deps.conversationData.get(context, {});
  const { channelId, conversation } = context.activity;
  const kind = kindNamedIn(text);
  const said = data.said ?? [];
  const county = r.entities.find((e) => e.type === 'county');
  const own = await deps.preapplications.latestForConversation(channelId, conversation.id);
  const options: DocumentDialogOptions = {
    kind,
    variant: kind ? variantNamedIn(documentKinds().get(kind)!, [...said.map((x) => x.text), text].join('。')) : undefined,
    county: county?.type === 'county' ? county.value.name : data.county,
    applicant: own ? { name: own.name, phone: own.phone } : undefined,
    said: [...said, { text, domain: r.domain }],
  };
  await dc.beginDialog(DOCUMENT_DIALOG, options);
  return true;
}

/** Remembers a message that tells about the case (not a request to write, not small talk). */
export function rememberSaid(data: ConversationData, text: string, r: Recognition): void {
  if (NOT_A_STORY.has(r.intent) || WRITE_REQUEST_PATTERN.test(text) || [...text].length < 8) return;
  data.said = [...(data.said ?? []), { text, domain: r.domain }].slice(-SAID_KEPT);
}
