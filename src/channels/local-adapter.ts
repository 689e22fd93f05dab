/**
 * @module channels/local-adapter
 * A botbuilder adapter for channels lawline serves itself (WeChat, Direct Line, the terminal): a channel turns
 * its protocol message into an Activity, `runTurn` runs the one bot over it, and the replies come back as
 * Activities for the channel to translate. Proactive messages (hand-off relay) go to a per-channel sender.
 */
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { TurnQueue } from './turn-queue.js';

/** Delivers activities outside a turn (proactive), e.g. through WeChat's customer-service API. */
export type ProactiveSender = (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => Promise<void>;

type BotLogic = (context: TurnContext) => Promise<void>;

/**
 * Serialises the turns of one conversation across processes (PostgreSQL: an advisory lock); called inside the
 * in-process queue, so each process waits for the lock once per conversation at a time.
 */
export type TurnLock = <T>(conversationKey: string, turn: () => Promise<T>) => Promise<T>;

export class LocalChannelAdapter extends BotAdapter {
  private readonly queue = new TurnQueue();
  // Keyed by the inbound activity: dialogs may clone the TurnContext, but clones share the activity object.
  private readonly collectors = new WeakMap<object, Partial<Activity>[]>();
  private readonly senders = new Map<string, ProactiveSender>();

  constructor(private readonly logic: BotLogic, private readonly turnLock?: TurnLock) {
    super();
  }

  /** Registers how a channel delivers proactive messages. */
  setProactiveSender(channelId: string, sender: ProactiveSender): void {
    this.senders.set(channelId, sender);
  }

  /**
   * Runs one turn for `activity` (serialised per conversation) and returns the bot's replies.
   * Missing ids and timestamps are filled in.
   */
  runTurn(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) throw new Error('activity.conversation.id is required');
    const full = {
      type: ActivityTypes.Message,
      id: randomUUID(),
      timestamp: new Date(),
      recipient: { id: 'lawline', name: 'lawline' },
      ...activity,
    } as Activity;
    const turn = async () => {
      const context = new TurnContext(this, full);
      const replies: Partial<Activity>[] = [];
      this.collectors.set(full, replies);
      await this.runMiddleware(context, this.logic);
      return replies;
    };
    const key = `${full.channelId ?? ''}/${conversationId}`;
    return this.queue.run(conversationId, () => (this.turnLock ? this.turnLock(key, turn) : turn()));
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = this.collectors.get(context.activity);
    const stamped = activities.map((a) => ({ id: randomUUID(), timestamp: new Date(), ...a }));
    if (replies) {
      replies.push(...stamped.filter((a) => a.type !== 'delay'));
    } else {
      const reference = TurnContext.getConversationReference(context.activity);
      const sender = this.senders.get(reference.channelId ?? '');
      if (!sender) throw new Error(`no proactive sender for channel ${reference.channelId}`);
      await sender(reference, stamped);
    }
    return stamped.map((a) => ({ id: a.id! }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('this channel cannot update sent messages');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('this channel cannot delete sent messages');
  }

  /** Runs `logic` with a context addressed to `reference`; what it sends goes to the channel's sender. */
  override async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    const context = new TurnContext(this, activity as Activity);
    await this.runMiddleware(context, logic);
  }
}
