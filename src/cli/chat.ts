/**
 * @module cli/chat
 * `lawline chat`: an interactive terminal conversation with the same bot the channels use.
 */
import { createInterface } from 'node:readline/promises';
import type { Lawline } from '../assistant/lawline.js';
import { REPLIES } from '../assistant/replies-zh.js';
import { formatCitations } from '../bot/format-reply.js';

export async function runChat(lawline: Lawline): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write(`${REPLIES.greeting}\n（输入“退出”结束）\n`);
  for (;;) {
    let line: string;
    try {
      line = (await rl.question('\n您：')).trim();
    } catch {
      break; // stdin closed
    }
    if (!line) continue;
    if (['退出', 'exit', 'quit'].includes(line)) break;
    const result = await lawline.ask(line.slice(0, 2000));
    process.stdout.write(`\n助手：${result.answer}\n${formatCitations(result.citations)}\n`);
  }
  rl.close();
}
