/**
 * @module channels/directline/stream-hub
 * The Direct Line websocket stream: `GET …/conversations/{id}/stream?t={token}&watermark={w}` upgrades to a
 * receive-only socket that first replays the log after the watermark, then gets every new `{activities,
 * watermark}` frame. Empty frames are heartbeats (both ways), as in Microsoft's service.
 *
 * Each socket remembers the watermark it was last sent, so nothing is sent twice or skipped: a frame that follows
 * on from it is sent as it is, anything else makes the socket read the log from its watermark. When processes share
 * the database, an append in any of them is announced on the `lawline_directline` channel (LISTEN/NOTIFY), and a
 * process holding a socket of that conversation reads the new activities from the log.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logging/logger.js';
import type { ActivitySet, ConversationStore } from './conversation-store.js';
import { parseWatermark } from './conversation-store.js';
import type { TokenService } from './token-service.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;

/** The channel appends are announced on. */
export const DIRECTLINE_EVENTS = 'lawline_directline';

/** How processes hear of each other's appends (the state database's LISTEN/NOTIFY; in-process for SQLite). */
export interface StreamEvents {
  notify(channel: string, payload: string): Promise<void>;
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface StreamHub {
  /** Handles an HTTP upgrade; returns false when the path is not a Direct Line stream (someone else's socket). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Sends a frame just appended to every open socket of the conversation, in every process. */
  publish(conversationId: string, set: ActivitySet): void;
  /** Open sockets of a conversation in this process (for tests and metrics). */
  count(conversationId: string): number;
  close(): void;
}

export interface StreamHubOptions {
  store: ConversationStore;
  tokens: TokenService;
  log: Logger;
  events?: StreamEvents;
  /** Interval of empty heartbeat frames; proxies drop idle sockets after ~60 s. */
  heartbeatMs?: number;
}

interface Socket { ws: WebSocket; watermark: number; reading: Promise<void> | null; again: boolean }

const seqOf = (id: string | undefined) => Number(id?.slice(id.lastIndexOf('|') + 1) ?? NaN);

/**
 * @example
 * const hub = createStreamHub({ store, tokens, log, events: sql });
 * server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
 */
export function createStreamHub({ store, tokens, log, events, heartbeatMs = 25_000 }: StreamHubOptions): StreamHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Map<string, Set<Socket>>();
  const origin = randomUUID();
  let unlisten: Promise<() => Promise<void>> | undefined;

  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ error: text })}`);
  };

  const heartbeat = setInterval(() => {
    for (const set of sockets.values()) for (const s of set) if (s.ws.readyState === WebSocket.OPEN) s.ws.send('');
  }, heartbeatMs);
  heartbeat.unref();

  const send = (s: Socket, set: ActivitySet) => {
    if (s.ws.readyState !== WebSocket.OPEN) return;
    s.ws.send(JSON.stringify(set));
    s.watermark = Number(set.watermark);
  };

  /** Reads the log after the socket's watermark until it is caught up (one reader per socket at a time). */
  function catchUp(conversationId: string, s: Socket): void {
    if (s.reading) {
      s.again = true;
      return;
    }
    s.reading = (async () => {
      do {
        s.again = false;
        for (;;) {
          if (s.ws.readyState !== WebSocket.OPEN) return;
          const page = await store.after(conversationId, s.watermark < 0 ? undefined : String(s.watermark));
          if (!page.activities.length) break;
          send(s, page);
        }
      } while (s.again);
    })().catch((error: unknown) => log.warn('directline stream: reading the log failed', { conversationId, error }))
      .finally(() => { s.reading = null; });
  }

  function deliver(conversationId: string, set: ActivitySet | null): void {
    for (const s of sockets.get(conversationId) ?? []) {
      const first = set ? seqOf(set.activities[0]?.id) : NaN;
      if (set && !s.reading && first === s.watermark + 1) send(s, set);
      else if (!set || Number(set.watermark) > s.watermark) catchUp(conversationId, s);
    }
  }

  function register(conversationId: string, ws: WebSocket, watermark: string | undefined) {
    let set = sockets.get(conversationId);
    if (!set) sockets.set(conversationId, (set = new Set()));
    const s: Socket = { ws, watermark: parseWatermark(watermark), reading: null, again: false };
    set.add(s);
    ws.on('close', () => {
      set.delete(s);
      if (!set.size) sockets.delete(conversationId);
    });
    ws.on('error', (error) => log.debug('directline socket error', { conversationId, error }));
    // Client frames are heartbeats only; posting goes through REST.
    ws.on('message', () => undefined);
    // The socket is registered before the replay starts, so an append meanwhile makes it read again.
    catchUp(conversationId, s);
  }

  if (events) {
    unlisten = events.listen(DIRECTLINE_EVENTS, (payload) => {
      try {
        const { c, o } = JSON.parse(payload) as { c: string; o: string };
        if (o !== origin && sockets.has(c)) deliver(c, null);
      } catch (error) {
        log.warn('directline stream: unreadable event', { error });
      }
    });
    unlisten.catch((error: unknown) => log.error('directline stream: cannot listen for other processes\' appends', { error }));
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) return false;
      const conversationId = match[1]!;
      const check = tokens.verify(url.searchParams.get('t') ?? undefined);
      if (!check.ok) {
        refuse(socket, check.reason === 'expired' ? 403 : 401, check.reason === 'expired' ? 'Forbidden' : 'Unauthorized');
        return true;
      }
      if (check.conversationId !== conversationId) {
        refuse(socket, 403, 'Forbidden');
        return true;
      }
      const watermark = url.searchParams.get('watermark') ?? undefined;
      store.get(conversationId).then((conversation) => {
        if (!conversation) return refuse(socket, 404, 'Not Found');
        wss.handleUpgrade(req, socket, head, (ws) => register(conversationId, ws, watermark));
      }, (error: unknown) => {
        log.error('directline stream: cannot read the conversation', { conversationId, error });
        refuse(socket, 500, 'Internal Server Error');
      });
      return true;
    },
    publish(conversationId, set) {
      if (!set.activities.length) return;
      deliver(conversationId, set);
      events?.notify(DIRECTLINE_EVENTS, JSON.stringify({ c: conversationId, w: set.watermark, o: origin }))
        .catch((error: unknown) => log.warn('directline stream: cannot announce an append', { conversationId, error }));
    },
    count: (conversationId) => sockets.get(conversationId)?.size ?? 0,
    close() {
      clearInterval(heartbeat);
      for (const set of sockets.values()) for (const s of set) s.ws.terminate();
      sockets.clear();
      wss.close();
      void unlisten?.then((stop) => stop()).catch(() => undefined);
    },
  };
}
