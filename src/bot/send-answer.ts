/**
 * @module bot/send-answer
 * Sends an `ask` result as one message: the same answer text as /api/v1/ask (direct answer, quoted law, what to
 * do, a case), with the structured parts in channelData for rich clients.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { AskResult } from '../assistant/ask.js';
import { formatCitations } from './format-reply.js';

/** Replies with `result` (text for every channel, details in channelData.lawline). */
export async function sendAnswer(context: TurnContext, result: AskResult): Promise<void> {
  // The answer quotes at most three provisions; the list names every one cited.
  const more = result.citations.length > 3 ? formatCitations(result.citations) : '';
  const reply = MessageFactory.text([result.answer, more].filter(Boolean).join('\n\n'));
  reply.channelData = {
    lawline: {
      intent: result.intent, domain: result.domain, risk: result.risk, confidence: result.confidence,
      direct: result.direct, faq: result.faq, citations: result.citations, cases: result.cases, guides: result.guides,
    },
  };
  await context.sendActivity(reply);
}
