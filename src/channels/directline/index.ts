/**
 * @module channels/directline
 * Mounts lawline's own Direct Line 3.0 service on the express app (`/v3/directline`) and its websocket stream
 * on the http server. Proactive messages for channel 'directline' (e.g. a duty lawyer's relayed reply) are
 * appended to the conversation's log and pushed to its open sockets.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { LocalChannelAdapter } from '../local-adapter.js';
import type { Logger } from '../../logging/logger.js';
import type { SqlClient } from '../../storage/sql-client.js';
import { createConversationStore, type ConversationStore } from './conversation-store.js';
import { createDirectLineRouter, DIRECTLINE_BASE } from './directline-router.js';
import { toOutgoing } from './posted-activity.js';
import { createStreamHub, type StreamHub } from './stream-hub.js';
import { createTokenService, type TokenService } from './token-service.js';

export { DIRECTLINE_BASE } from './directline-router.js';

export interface DirectLineOptions {
  adapter: LocalChannelAdapter;
  /** The state database (its conversation and activity tables; LISTEN/NOTIFY between processes). */
  sql: SqlClient;
  /** Key tokens are signed with; every process behind one load balancer must have the same. Default: a key kept in the database. */
  tokenSecret?: Buffer;
  log: Logger;
  heartbeatMs?: number;
}

/** The parts of a mounted Direct Line channel (the hand-off reads transcripts from `store`). */
export interface DirectLineChannel { adapter: LocalChannelAdapter; store: ConversationStore; tokens: TokenService; hub: StreamHub }

const mounted = new WeakMap<Express, DirectLineChannel>();

/**
 * Mounts the REST routes on `app` and registers the proactive sender for 'directline'.
 * @example
 * await mountDirectLine(app, { adapter: new LocalChannelAdapter((c) => bot.run(c)), sql: state.sql, log });
 */
export async function mountDirectLine(app: Express, options: DirectLineOptions): Promise<DirectLineChannel> {
  const { adapter, sql, log } = options;
  const store = createConversationStore(sql);
  const tokens = createTokenService(options.tokenSecret ?? (await store.signingKey()));
  const hub = createStreamHub({ store, tokens, log, events: sql, heartbeatMs: options.heartbeatMs });
  app.use(DIRECTLINE_BASE, createDirectLineRouter({ adapter, store, tokens, hub, log }));
  adapter.setProactiveSender('directline', async (reference, activities) => {
    const conversation = await store.get(reference.conversation?.id ?? '');
    if (!conversation) throw new Error(`directline: no conversation ${reference.conversation?.id}`);
    const shown = activities.filter((a) => a.type !== 'trace' && a.type !== 'delay').map((a) => toOutgoing(a, conversation));
    if (!shown.length) return;
    hub.publish(conversation.id, await store.append(conversation.id, shown));
  });
  const channel = { adapter, store, tokens, hub };
  mounted.set(app, channel);
  return channel;
}

/** The Direct Line channel mounted on `app` (e.g. for the hand-off relay or tests), if any. */
export function directLineChannelOf(app: Express): DirectLineChannel | undefined {
  return mounted.get(app);
}

/**
 * Serves the Direct Line websocket streams of `app` on `server`; other upgrade requests are left alone.
 * Returns a function that closes the open streams (call it before `server.close()`).
 * @example
 * const server = app.listen(port);
 * attachDirectLineSockets(server, app);
 */
export function attachDirectLineSockets(server: Server, app: Express): () => void {
  const channel = directLineChannelOf(app);
  if (!channel) throw new Error('attachDirectLineSockets: mountDirectLine was not called on this app');
  server.on('upgrade', (req, socket, head) => {
    if (!channel.hub.handleUpgrade(req, socket, head) && server.listenerCount('upgrade') === 1) socket.destroy();
  });
  return () => channel.hub.close();
}
