/**
 * @module bot/dialogs/conversation-tool
 * What a conversation tool is: a dialog the bot can start on the spot, and the test of whether a message calls for
 * it. The registry (conversation-tools.ts) lists the tools; each tool's module implements this shape.
 */
import type { Dialog } from 'botbuilder-dialogs';
import type { Recognition } from '../../understanding/recognizer.js';
import type { DialogDeps } from './dialog-deps.js';

export interface ConversationTool {
  /** The dialog's id (also the tool's name in logs). */
  id: string;
  /** The dialog that runs the tool; it starts with the options `match` returned. */
  createDialog(deps: DialogDeps): Dialog;
  /** Whether the message calls for this tool, and how: start it now, or offer it after the ordinary answer. */
  match(text: string, r: Recognition, deps: DialogDeps): ToolMatch | null;
}

export interface ToolMatch {
  /** The dialog's start options. */
  options: object;
  /** start: the message asks for the tool's result; offer: answer as usual, then offer the tool. */
  mode: 'start' | 'offer';
  /** The offer's wording (回复1 accepts it). */
  offer: string;
}
