/**
 * @module bot/dialogs/answer-prompt
 * One text prompt for every question of the legal-aid conversation. The question's key travels in
 * `PromptOptions.validations`, so the validator (and the interruption check) know which parser reads the reply.
 */
import { TextPrompt, type PromptOptions } from 'botbuilder-dialogs';
import type { ParseContext } from './eligibility-questions.js';

/** Reads a reply; undefined means "not an answer to this question". */
export type AnswerParser = (text: string, ctx: ParseContext) => unknown;

/** State carried by a waiting prompt. `paused` is set while the citizen is asked whether to resume. */
export interface AnswerState { key: string; paused?: boolean }

/** Prompt options for question `key`. */
export function answerOptions(key: string, prompt: string, retryPrompt: string): PromptOptions {
  const validations: AnswerState = { key };
  return { prompt, retryPrompt, validations };
}

/** The state of the prompt waiting on top of a dialog stack, if any. */
export function waitingAnswer(state: Record<string, unknown> | undefined): AnswerState | undefined {
  const options = state?.options as PromptOptions | undefined;
  const v = options?.validations as AnswerState | undefined;
  return v && typeof v.key === 'string' ? v : undefined;
}

/** A TextPrompt that accepts a reply when the parser for its question can read it. */
export function createAnswerPrompt(id: string, parsers: Record<string, AnswerParser>, ctx: ParseContext): TextPrompt {
  return new TextPrompt(id, async (pc) => {
    const v = waitingAnswer({ options: pc.options });
    const parse = v ? parsers[v.key] : undefined;
    const text = pc.recognized.value ?? '';
    return Boolean(parse && text.trim() && parse(text, ctx) !== undefined);
  });
}
