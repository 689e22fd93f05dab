/**
 * @module handoff/transcript-buffer
 * The last lines of each recent bot conversation, kept in memory only, so a hand-off can show the lawyer what
 * was said before. Bounded in conversations and lines; nothing is written unless a hand-off happens.
 */
import type { TranscriptLine } from './handoff-types.js';

export class TranscriptBuffer {
  private readonly lines = new Map<string, TranscriptLine[]>();

  constructor(private readonly maxConversations = 2000, private readonly maxLines = 30, private readonly maxChars = 1000) {}

  /** Appends a line, evicting the least recently used conversation when full. */
  add(conversationKey: string, line: TranscriptLine): void {
    const list = this.lines.get(conversationKey) ?? [];
    this.lines.delete(conversationKey);
    list.push({ ...line, text: line.text.slice(0, this.maxChars) });
    if (list.length > this.maxLines) list.splice(0, list.length - this.maxLines);
    this.lines.set(conversationKey, list);
    if (this.lines.size > this.maxConversations) this.lines.delete(this.lines.keys().next().value!);
  }

  /** A copy of the conversation's lines, oldest first. */
  get(conversationKey: string): TranscriptLine[] {
    return [...(this.lines.get(conversationKey) ?? [])];
  }
}
