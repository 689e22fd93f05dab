/**
 * @module channels/directline/directline-router
 * The Direct Line 3.0 REST subset Microsoft's Web Chat and DirectLineJS use, served by lawline itself: start,
 * resume and read conversations, post activities (echoed, then answered by the one bot through the local
 * adapter), generate and refresh tokens. Anyone may start a conversation; every other call needs that
 * conversation's token (none or forged → 401, expired or another conversation's → 403).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Activity } from 'botbuilder';
import type { LocalChannelAdapter } from '../local-adapter.js';
import type { Logger } from '../../logging/logger.js';
import { parseBody } from '../../http/parse-body.js';
import { ForbiddenError, InputError, NotFoundError, UnauthenticatedError } from '../../errors.js';
import { parseWatermark, type ConversationStore, type DirectLineConversation } from './conversation-store.js';
import { DIRECTLINE_BOT, postedActivitySchema, startConversationSchema, toIncoming, toOutgoing } from './posted-activity.js';
import type { StreamHub } from './stream-hub.js';
import { bearerToken, type TokenService } from './token-service.js';

/** Where the router is mounted; the stream URL is built from it. */
export const DIRECTLINE_BASE = '/v3/directline';

/** Said when the bot fails during a turn (the same words as the Bot Framework endpoint). */
const TURN_FAILED = '抱歉，系统出了点问题，请稍后再试，或拨打12348公共法律服务热线。';

export interface DirectLineRouterOptions {
  adapter: LocalChannelAdapter;
  store: ConversationStore;
  tokens: TokenService;
  hub: StreamHub;
  log: Logger;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * @example
 * app.use(DIRECTLINE_BASE, createDirectLineRouter({ adapter, store, tokens, hub, log }));
 */
export function createDirectLineRouter({ adapter, store, tokens, hub, log }: DirectLineRouterOptions): Router {
  const router = Router();

  // Conversations are live: no cache may keep them. (Which sites may call in is the server's CORS policy.)
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  /** Publishes stored activities to open sockets. */
  const appendAndPublish = async (conversationId: string, activities: Partial<Activity>[]) => {
    if (!activities.length) return [];
    const set = await store.append(conversationId, activities);
    hub.publish(conversationId, set);
    return set.activities;
  };

  const streamUrl = (req: Request, conversationId: string, token: string, watermark?: string) => {
    const scheme = req.protocol === 'https' ? 'wss' : 'ws';
    const query = new URLSearchParams({ t: token });
    if (watermark) query.set('watermark', watermark);
    return `${scheme}://${req.get('host')}${DIRECTLINE_BASE}/conversations/${conversationId}/stream?${query}`;
  };

  const conversationReply = (req: Request, conversation: DirectLineConversation, watermark?: string) => {
    const issued = tokens.issue(conversation.id);
    return { conversationId: conversation.id, ...issued, streamUrl: streamUrl(req, conversation.id, issued.token, watermark) };
  };

  /** The conversation named by `id` if the bearer token grants it; throws 401/403/404 otherwise. */
  const authorise = async (req: Request, id: string | undefined): Promise<DirectLineConversation> => {
    const check = tokens.verify(bearerToken(req.get('authorization')));
    if (!check.ok) {
      throw check.reason === 'expired' ? new ForbiddenError('token expired') : new UnauthenticatedError('a valid Direct Line token is required');
    }
    if (id !== undefined && check.conversationId !== id) throw new ForbiddenError('this token belongs to another conversation');
    const conversation = await store.get(check.conversationId);
    if (!conversation) throw new NotFoundError('conversation not found');
    return conversation;
  };

  const conversationParam = (req: Request): string => {
    const id = String(req.params.id ?? '');
    if (!ID.test(id)) throw new NotFoundError('conversation not found');
    return id;
  };

  /** Runs a bot turn and logs its replies; a failing bot gets an apology, never a silent conversation. */
  const runTurn = async (conversation: DirectLineConversation, activity: Partial<Activity>) => {
    let replies: Partial<Activity>[];
    try {
      replies = await adapter.runTurn(activity);
    } catch (error) {
      log.error('directline turn failed', { conversationId: conversation.id, error });
      replies = activity.type === 'message' ? [{ type: 'message', text: TURN_FAILED }] : [];
    }
    const shown = replies.filter((r) => r.type !== 'trace');
    return appendAndPublish(conversation.id, shown.map((r) => toOutgoing(r, conversation, activity.id)));
  };

  router.post('/tokens/generate', async (_req, res) => {
    const conversation = await store.create();
    res.json({ conversationId: conversation.id, ...tokens.issue(conversation.id) });
  });

  router.post('/tokens/refresh', async (req, res) => {
    const conversation = await authorise(req, undefined);
    res.json({ conversationId: conversation.id, ...tokens.issue(conversation.id) });
  });

  router.post('/conversations', async (req, res) => {
    const body = parseBody(startConversationSchema, req.body ?? {});
    // A token from /tokens/generate names the conversation; anything else (DirectLineJS sends "Bearer undefined") starts a new one.
    const check = tokens.verify(bearerToken(req.get('authorization')));
    const known = check.ok ? await store.get(check.conversationId) : undefined;
    const conversation = known ?? (await store.create({ locale: body.locale ?? null }));
    const fresh = (await store.after(conversation.id, undefined, 1)).activities.length === 0;
    if (fresh) {
      // The bot greets new members (ActivityHandler.onMembersAdded), as on Microsoft's channels.
      await runTurn(conversation, {
        type: 'conversationUpdate',
        membersAdded: [{ id: conversation.userId, name: '' }, { ...DIRECTLINE_BOT }],
        from: { id: conversation.userId, name: '', role: 'user' } as Activity['from'],
        recipient: { ...DIRECTLINE_BOT },
        conversation: { id: conversation.id } as Activity['conversation'],
        channelId: 'directline',
        serviceUrl: 'urn:lawline:directline',
      });
    }
    res.status(fresh ? 201 : 200).json(conversationReply(req, conversation));
  });

  router.get('/conversations/:id', async (req, res) => {
    const conversation = await authorise(req, conversationParam(req));
    const watermark = typeof req.query.watermark === 'string' && parseWatermark(req.query.watermark) >= 0 ? req.query.watermark : undefined;
    res.json(conversationReply(req, conversation, watermark));
  });

  router.get('/conversations/:id/activities', async (req, res) => {
    const conversation = await authorise(req, conversationParam(req));
    const watermark = typeof req.query.watermark === 'string' ? req.query.watermark : undefined;
    res.json(await store.after(conversation.id, watermark));
  });

  router.post('/conversations/:id/activities', async (req, res) => {
    const conversation = await authorise(req, conversationParam(req));
    const posted = parseBody(postedActivitySchema, req.body);
    // Typing indicators are neither logged nor shown to the bot.
    if (posted.type === 'typing') return void res.json({ id: '' });
    const [echo] = await appendAndPublish(conversation.id, [toIncoming(posted, conversation)]);
    await runTurn(conversation, { ...echo!, timestamp: new Date(echo!.timestamp as unknown as string) });
    res.json({ id: echo!.id });
  });

  router.post('/conversations/:id/upload', async (req: Request, _res: Response, next: NextFunction) => {
    await authorise(req, conversationParam(req));
    next(new InputError('file uploads are not supported; please describe the document in words'));
  });

  return router;
}
