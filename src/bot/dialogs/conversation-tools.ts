/**
 * @module bot/dialogs/conversation-tools
 * The tools the conversation can offer on the spot (calculators now; document drafts can join): each names its
 * dialog and says whether a message calls for it. The bot adds every tool's dialog, and the message router starts
 * the first tool that matches, so a new tool plugs in here without touching the router.
 */
import type { Recognition } from '../../understanding/recognizer.js';
import type { DialogDeps } from './dialog-deps.js';
import { calculatorTool } from './calculator/calculator-tool.js';
import type { ConversationTool, ToolMatch } from './conversation-tool.js';

export type { ConversationTool, ToolMatch } from './conversation-tool.js';

export const CONVERSATION_TOOLS: ConversationTool[] = [calculatorTool];

/** The first tool a message calls for, with its start options. */
export function findTool(text: string, r: Recognition, deps: DialogDeps): (ToolMatch & { tool: ConversationTool }) | null {
  if (r.risk === 'emergency') return null;
  for (const tool of CONVERSATION_TOOLS) {
    const match = tool.match(text, r, deps);
    if (match) return { ...match, tool };
  }
  return null;
}

/** Replies that accept a tool's offer. */
export const ACCEPT_TOOL_PATTERN = /^(1|好|好的|可以|行|算|算一下|帮我算|帮我算算|是|是的|要|需要|开始)$/;
