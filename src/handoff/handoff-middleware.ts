/**
 * @module handoff/handoff-middleware
 * Joins the bot to the hand-off module. As botbuilder middleware on the channel adapter it keeps the recent bot
 * transcript (in memory) and puts a {@link HandoffHook} in the turn state; the message router calls the hook:
 * `takeMessage` first (an open ticket owns the conversation: the bot stays silent), then `request` or
 * `afterAnswer` when a turn asks for a person. Without the middleware the bot works as before.
 */
import { TurnContext, type Activity, type Middleware } from 'botbuilder';
import type { CitizenActions } from './citizen-actions.js';
import { channelTakesEvents, handoffInitiateEvent } from './events.js';
import type { Clock } from './handoff-context.js';
import { HANDOFF_TEXT } from './handoff-replies-zh.js';
import type { HandoffReason } from './handoff-types.js';
import type { TranscriptBuffer } from './transcript-buffer.js';

const HOOK = Symbol.for('lawline.handoffHook');

export interface HandoffHook {
  /** True when an open hand-off took the message; the bot must then send nothing. */
  takeMessage(context: TurnContext): Promise<boolean>;
  /** Opens a ticket (or reports the place of the open one) and tells the citizen. */
  request(context: TurnContext, request: { reason: Exclude<HandoffReason, 'escalation'>; eligibility?: string }): Promise<void>;
  /**
   * After an answer: an emergency opens a priority ticket; a second low-confidence answer in a row offers a lawyer.
   * The caller says whether the answer was unsure: what counts as unsure is the assistant's threshold, not ours.
   */
  afterAnswer(context: TurnContext, answer: { risk: 'emergency' | null; lowConfidence: boolean }): Promise<void>;
}

/** The hook of this turn, when the hand-off middleware runs on the adapter. */
export function handoffHook(context: TurnContext): HandoffHook | undefined {
  return context.turnState.get(HOOK) as HandoffHook | undefined;
}

const keyOf = (a: Partial<Activity>) => `${a.channelId}/${a.conversation?.id}`;
const textOf = (a: Partial<Activity>) => (a.type === 'message' || a.type === undefined ? (a.text ?? '').trim() : '');

/** What the middleware needs of the hand-off service (it is created by the service, so it cannot import it). */
export interface HandoffMiddlewareDeps {
  citizens: Pick<CitizenActions, 'message' | 'open'>;
  transcripts: TranscriptBuffer;
  clock: Clock;
}

/**
 * @example adapter.use(handoffMiddleware({ citizens, transcripts, clock }));
 */
export function handoffMiddleware(deps: HandoffMiddlewareDeps): Middleware {
  const lowStreak = new Map<string, number>();
  const send = (context: TurnContext, replies: string[]) => (replies.length ? context.sendActivities(replies.map((text) => ({ type: 'message', text }))) : undefined);

  const hook: HandoffHook = {
    async takeMessage(context) {
      const { channelId, conversation } = context.activity;
      const turn = await deps.citizens.message(channelId, conversation.id, context.activity.text ?? '');
      if (!turn.taken) return false;
      await send(context, turn.replies);
      return true;
    },
    async request(context, request) {
      const activity = context.activity;
      lowStreak.delete(keyOf(activity));
      const turn = await deps.citizens.open({
        channelId: activity.channelId, conversationId: activity.conversation.id,
        reference: TurnContext.getConversationReference(activity), reason: request.reason,
        transcript: deps.transcripts.get(keyOf(activity)), text: activity.text ?? '', eligibility: request.eligibility ?? null,
      });
      // The event and the replies go out in one send: one pass through the channel's log and the middleware.
      const event = turn.created && turn.ticket && channelTakesEvents(activity.channelId) ? [handoffInitiateEvent(context, turn.ticket)] : [];
      const replies = turn.replies.map((text): Partial<Activity> => ({ type: 'message', text }));
      if (event.length || replies.length) await context.sendActivities([...event, ...replies]);
    },
    async afterAnswer(context, answer) {
      const key = keyOf(context.activity);
      if (answer.risk === 'emergency') return hook.request(context, { reason: 'emergency' });
      if (!answer.lowConfidence) {
        lowStreak.delete(key);
        return;
      }
      const streak = (lowStreak.get(key) ?? 0) + 1;
      if (lowStreak.size > 10_000) lowStreak.clear();
      lowStreak.set(key, streak);
      if (streak >= 2) {
        lowStreak.delete(key);
        await send(context, [HANDOFF_TEXT.lowConfidenceOffer]);
      }
    },
  };

  return {
    async onTurn(context, next) {
      if (context.activity.type !== 'message') return next();
      const key = keyOf(context.activity);
      const text = textOf(context.activity);
      if (text) deps.transcripts.add(key, { from: 'citizen', text, at: deps.clock.now() });
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        for (const a of activities) {
          const t = textOf(a);
          if (t) deps.transcripts.add(key, { from: 'bot', text: t, at: deps.clock.now() });
        }
        return nextSend();
      });
      context.turnState.set(HOOK, hook);
      await next();
    },
  };
}
