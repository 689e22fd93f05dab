/**
 * @module bot/dialogs/conversation-tools
 * The tools the conversation can offer on the spot (calculators now; document drafts can join): each names its
 * dialog and says whether a message calls for it. The bot adds every tool's dialog, and the message router starts
 * the first tool that matches, so a new tool plugs in here without touching the router.
 */
import type { Dialog } from 'botbuilder-dialogs';
import type { Recognition } from '../../understanding/recognizer.js';
import type { DialogDeps } from './dialog-deps.js';
import { calculatorTool } from './calculator/calculator-tool.js';

export interface ConversationTool {
  /** The dialog's id (also the tool's name in logs). */
  id: string;
  /** The dialog that runs the tool; it starts with the options `match` returned. */
  createDialog(deps: DialogDeps): Dialog;
  /** Start options when the message calls for this tool, else null. */
  match(text: string, r: Recognition, deps: DialogDeps): object | null;
}

export const CONVERSATION_TOOLS: ConversationTool[] = [calculatorTool];

/** The first tool a message calls for, with its start options. */
export function findTool(text: string, r: Recognition, deps: DialogDeps): { tool: ConversationTool; options: object } | null {
  if (r.risk === 'emergency') return null;
  for (const tool of CONVERSATION_TOOLS) {
    const options = tool.match(text, r, deps);
    if (options) return { tool, options };
  }
  return null;
}
