/**
 * @module bot/dialogs/calculator/calculator-tool
 * The calculators as a conversation tool: a message that asks for an amount or a date they can work out starts
 * the calculator dialog.
 */
import type { Recognition } from '../../../understanding/recognizer.js';
import type { DialogDeps } from '../dialog-deps.js';
import { CALCULATOR_DIALOG, CalculatorDialog, type CalculatorDialogOptions } from './calculator-dialog.js';
import { calculatorTopic } from './calculator-topics.js';
import { CALCULATOR_REPLIES } from './calculator-replies-zh.js';
import type { ConversationTool, ToolMatch } from '../conversation-tool.js';

export const calculatorTool: ConversationTool = {
  id: CALCULATOR_DIALOG,
  createDialog: (deps: DialogDeps) => new CalculatorDialog(deps),
  match(text: string, r: Recognition): ToolMatch | null {
    const match = calculatorTopic(r.alteredText) ?? calculatorTopic(text);
    if (!match) return null;
    const options: CalculatorDialogOptions = { text, match };
    return { options, mode: match.mode, offer: CALCULATOR_REPLIES.offer[match.topic] };
  },
};
