/**
 * @module tools/soak/citizen
 * A citizen on the real Direct Line endpoints, as the website widget talks to them: start a conversation, post a
 * message (answered once the bot's turn is done) and read the bot's replies since the last read.
 */
import type { HttpClient } from './http-client.js';

export interface BotActivity { type: string; text?: string; name?: string; value?: unknown; from: { id: string; role?: string } }

export interface Citizen {
  conversationId: string;
  /** Posts `text`; resolves with the post's status and the replies it produced (empty when the post failed). */
  say(text: string): Promise<{ status: number; replies: BotActivity[] }>;
  read(): Promise<BotActivity[]>;
}

const DL = '/v3/directline';

/** Starts a conversation and reads the greeting; throws when the server refuses. */
export async function startCitizen(http: HttpClient): Promise<Citizen> {
  const started = await http.call('directline.start', 'POST', `${DL}/conversations`, { body: {} });
  if (started.status !== 201) throw new Error(`directline start: ${started.status}`);
  const { conversationId, token } = started.body as { conversationId: string; token: string };
  const userId = `dl_${conversationId}`;
  let watermark: string | undefined;
  const citizen: Citizen = {
    conversationId,
    async read() {
      const res = await http.call('directline.read', 'GET', `${DL}/conversations/${conversationId}/activities`, {
        token, ...(watermark ? { query: { watermark } } : {}),
      });
      if (res.status !== 200) throw new Error(`directline read: ${res.status}`);
      const body = res.body as { activities: BotActivity[]; watermark: string };
      watermark = body.watermark;
      return body.activities.filter((a) => a.from.id !== userId && a.from.role !== 'user');
    },
    async say(text) {
      const res = await http.call('directline.say', 'POST', `${DL}/conversations/${conversationId}/activities`, {
        token, body: { type: 'message', text, from: { id: userId } },
      });
      if (res.status !== 200) return { status: res.status, replies: [] };
      return { status: res.status, replies: await citizen.read() };
    },
  };
  await citizen.read();
  return citizen;
}

/** The texts of the message activities among `replies`, joined. */
export const textOf = (replies: BotActivity[]) => replies.filter((a) => a.type === 'message').map((a) => a.text ?? '').join('\n');
