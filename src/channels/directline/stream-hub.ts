/**
 * @module channels/directline/stream-hub
 * The Direct Line websocket stream: `GET …/conversations/{id}/stream?t={token}&watermark={w}` upgrades to a
 * receive-only socket that first replays the log after the watermark, then gets every new `{activities,
 * watermark}` frame. Empty frames are heartbeats (both ways), as in Microsoft's service.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logging/logger.js';
import type { ActivitySet, ConversationStore } from './conversation-store.js';
import type { TokenService } from './token-service.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;

export interface StreamHub {
  /** Handles an HTTP upgrade; returns false when the path is not a Direct Line stream (someone else's socket). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Sends a frame to every open socket of the conversation. */
  publish(conversationId: string, set: ActivitySet): void;
  /** Open sockets of a conversation (for tests and metrics). */
  count(conversationId: string): number;
  close(): void;
}

export interface StreamHubOptions {
  store: ConversationStore;
  tokens: TokenService;
  log: Logger;
  /** Interval of empty heartbeat frames; proxies drop idle sockets after ~60 s. */
  heartbeatMs?: number;
}

/**
 * @example
 * const hub = createStreamHub({ store, tokens, log });
 * server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
 */
export function createStreamHub({ store, tokens, log, heartbeatMs = 25_000 }: StreamHubOptions): StreamHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Map<string, Set<WebSocket>>();

  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ error: text })}`);
  };

  const heartbeat = setInterval(() => {
    for (const set of sockets.values()) for (const ws of set) if (ws.readyState === WebSocket.OPEN) ws.send('');
  }, heartbeatMs);
  heartbeat.unref();

  function register(conversationId: string, ws: WebSocket, watermark: string | undefined) {
    let set = sockets.get(conversationId);
    if (!set) sockets.set(conversationId, (set = new Set()));
    set.add(ws);
    ws.on('close', () => {
      set.delete(ws);
      if (!set.size) sockets.delete(conversationId);
    });
    ws.on('error', (error) => log.debug('directline socket error', { conversationId, error }));
    // Client frames are heartbeats only; posting goes through REST.
    ws.on('message', () => undefined);
    // The replay is read synchronously in the same tick as registering, so no appended activity can fall between.
    let page = store.after(conversationId, watermark);
    while (page.activities.length) {
      ws.send(JSON.stringify(page));
      page = store.after(conversationId, page.watermark);
    }
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
      if (!store.get(conversationId)) {
        refuse(socket, 404, 'Not Found');
        return true;
      }
      const watermark = url.searchParams.get('watermark') ?? undefined;
      wss.handleUpgrade(req, socket, head, (ws) => register(conversationId, ws, watermark));
      return true;
    },
    publish(conversationId, set) {
      const frame = JSON.stringify(set);
      for (const ws of sockets.get(conversationId) ?? []) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    count: (conversationId) => sockets.get(conversationId)?.size ?? 0,
    close() {
      clearInterval(heartbeat);
      for (const set of sockets.values()) for (const ws of set) ws.terminate();
      sockets.clear();
      wss.close();
    },
  };
}
