/**
 * @module tools/soak/lawyer-desk
 * Duty lawyers at their consoles over the HTTP API: each goes online and polls the queue, accepting every ticket
 * offered to them, and the desk tells a waiting citizen's scenario which ticket (and lawyer) took its
 * conversation, so the scenario can chat, close and rate as a person would.
 */
import type { HttpClient } from './http-client.js';

export interface LawyerLogin { username: string; token: string }
export interface Taken { ticketId: string; lawyer: LawyerLogin }

export interface LawyerDesk {
  /** The ticket a lawyer accepted for `conversationId`; rejects after `timeoutMs`. */
  taken(conversationId: string, timeoutMs: number): Promise<Taken>;
  stop(): Promise<void>;
}

const POLL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts `lawyers` online and starts their polling loops. Errors of single polls are counted by the recorder, not thrown. */
export async function openLawyerDesk(http: HttpClient, lawyers: LawyerLogin[]): Promise<LawyerDesk> {
  for (const l of lawyers) {
    const res = await http.call('lawyer.presence', 'PUT', '/api/v1/lawyers/me/presence', { body: { status: 'online' }, token: l.token });
    if (res.status !== 200) throw new Error(`presence for ${l.username}: ${res.status}`);
  }
  const byConversation = new Map<string, Taken>();
  const waiting = new Map<string, (t: Taken) => void>();
  let running = true;
  const loop = async (lawyer: LawyerLogin) => {
    while (running) {
      try {
        const queue = await http.call('lawyer.queue', 'GET', '/api/v1/handoff/queue', { token: lawyer.token });
        const offered = ((queue.body?.queue ?? []) as Array<{ id: string; offeredToMe: boolean }>).filter((t) => t.offeredToMe);
        for (const t of offered) {
          const accepted = await http.call('lawyer.accept', 'POST', `/api/v1/handoff/${t.id}/accept`, { token: lawyer.token });
          if (accepted.status !== 200) continue;
          const read = await http.call('lawyer.read', 'GET', `/api/v1/handoff/${t.id}/messages`, { token: lawyer.token });
          const conversationId = read.body?.ticket?.conversationId as string | undefined;
          if (!conversationId) continue;
          const taken = { ticketId: t.id, lawyer };
          byConversation.set(conversationId, taken);
          waiting.get(conversationId)?.(taken);
        }
      } catch {
        // A refused connection (the server restarting, a kill -9): the next poll tries again.
      }
      await sleep(POLL_MS);
    }
  };
  const loops = lawyers.map(loop);
  return {
    taken(conversationId, timeoutMs) {
      const known = byConversation.get(conversationId);
      if (known) {
        byConversation.delete(conversationId);
        return Promise.resolve(known);
      }
      return new Promise<Taken>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(conversationId);
          reject(new Error(`no lawyer took ${conversationId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(conversationId, (t) => {
          clearTimeout(timer);
          waiting.delete(conversationId);
          byConversation.delete(conversationId);
          resolve(t);
        });
      });
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
