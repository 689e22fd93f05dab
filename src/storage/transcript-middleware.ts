/**
 * @module storage/transcript-middleware
 * botbuilder's TranscriptLoggerMiddleware for lawline's adapters: it logs every turn's incoming activity and
 * everything the bot (or a duty lawyer, through a proactive turn) sends. Two adjustments for the local channel
 * adapter: its proactive turns start with an event named `continueConversation` (botbuilder only skips its own
 * `ContinueConversation`), which is not part of the conversation; and an activity without `from` would make the
 * SDK middleware throw, so it gets an empty user.
 */
import { ActivityTypes, TranscriptLoggerMiddleware, type Activity, type Middleware, type TranscriptLogger } from 'botbuilder';

const isProactiveStart = (activity: Partial<Activity>) =>
  activity.type === ActivityTypes.Event && activity.name?.toLowerCase() === 'continueconversation';

/**
 * @example adapter.use(transcriptMiddleware(state.transcripts));
 */
export function transcriptMiddleware(store: TranscriptLogger): Middleware {
  const logger = new TranscriptLoggerMiddleware({
    logActivity: (activity) => (isProactiveStart(activity) ? undefined : store.logActivity(activity)),
  });
  return {
    async onTurn(context, next) {
      if (!context.activity.from) context.activity.from = { id: '', name: '' };
      await logger.onTurn(context, next);
    },
  };
}
