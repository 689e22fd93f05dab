/**
 * @module bot/lawline-bot
 * The one bot behind every channel: routes activities to the same assistant `ask` as the HTTP API, so a
 * conversation on any channel reaches the same answers.
 */
import { ActivityHandler, MessageFactory, type TurnContext } from 'botbuilder';
import type { Lawline } from '../assistant/lawline.js';
import { REPLIES } from '../assistant/replies-zh.js';
import { formatCitations } from './format-reply.js';

export class LawlineBot extends ActivityHandler {
  constructor(private readonly lawline: Lawline) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(REPLIES.greeting);
      }
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const text = (context.activity.text ?? '').trim();
    if (!text) {
      await context.sendActivity('请用文字描述您的问题。');
      return;
    }
    const result = await this.lawline.ask(text.slice(0, 2000));
    const reply = MessageFactory.text([result.answer, formatCitations(result.citations)].filter(Boolean).join('\n\n'));
    reply.channelData = { lawline: { intent: result.intent, domain: result.domain, risk: result.risk, confidence: result.confidence, citations: result.citations, cases: result.cases, guides: result.guides } };
    await context.sendActivity(reply);
  }
}
