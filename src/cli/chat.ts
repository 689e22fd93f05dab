/**
 * @module cli/chat
 * `lawline chat`: an interactive terminal conversation with the same bot (and dialogs) the channels use,
 * run through the local channel adapter with channel id 'terminal'.
 */
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../assistant/services.js';
import type { DialogServices } from '../bot/dialogs/dialog-deps.js';
import { LawlineBot } from '../bot/lawline-bot.js';
import { LocalChannelAdapter } from '../channels/local-adapter.js';
import { openLawlineState } from '../server/lawline-state.js';
import { transcriptMiddleware } from '../storage/transcript-middleware.js';
import { MAX_MESSAGE_CHARS } from '../config/limits.js';

export async function runChat(lawline: DialogServices & Pick<Runtime, 'config'>): Promise<void> {
  const state = await openLawlineState(lawline.config, { retention: false });
  const bot = new LawlineBot(lawline, { storage: state.storage, preapplications: state.preapplications });
  // Terminal conversations are kept in the transcript store like every other channel's.
  const adapter = new LocalChannelAdapter((context) => bot.run(context)).use(transcriptMiddleware(state.transcripts));
  const conversation = { id: `terminal-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: 'terminal' };
  const user = { id: 'terminal-user', name: '您' };
  const say = async (activity: Parameters<LocalChannelAdapter['runTurn']>[0]) => {
    for (const reply of await adapter.runTurn({ channelId: 'terminal', conversation, from: user, ...activity })) {
      if (reply.text) process.stdout.write(`\n助手：${reply.text}\n`);
    }
  };
  const rl = createInterface({ input: process.stdin, terminal: false });
  await say({ type: 'conversationUpdate', membersAdded: [user] });
  process.stdout.write('（输入“退出”结束）\n\n您：');
  // Iterating the lines (not question()) keeps lines typed or piped while the bot is still answering.
  for await (const raw of rl) {
    const line = raw.trim();
    if (['退出', 'exit', 'quit'].includes(line)) break;
    if (line) await say({ type: 'message', text: line.slice(0, MAX_MESSAGE_CHARS) });
    process.stdout.write('\n您：');
  }
  rl.close();
  await state.close();
}
