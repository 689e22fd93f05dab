/**
 * @module stats/transcript-view
 * One conversation's transcript, for an administrator who opened it from the dashboard (a recent comment, say).
 * The dashboard itself shows aggregates only; reading what a citizen wrote is a deliberate, audited act: every
 * view leaves a row in the staff audit before the transcript is returned.
 */
import type { Activity, TranscriptStore } from 'botbuilder';
import { NotFoundError } from '../errors.js';
import type { TranscriptViewRepository } from '../storage/repositories/transcript-view-repository.js';

export interface TranscriptLineView { from: 'citizen' | 'bot'; text: string; at: string }
export interface TranscriptView { conversationId: string; channelId: string; lines: TranscriptLineView[] }

export interface TranscriptViewDeps {
  transcripts: Pick<TranscriptStore, 'getTranscriptActivities'>;
  repo: TranscriptViewRepository;
  now?: () => number;
}

/** A transcript longer than this is cut (the pages of the store are read up to it). */
export const MAX_TRANSCRIPT_LINES = 1000;

const lineOf = (a: Activity): TranscriptLineView | null => (a.type === 'message' && a.text
  ? { from: a.from?.role === 'bot' ? 'bot' : 'citizen', text: a.text, at: new Date(a.timestamp ?? 0).toISOString() }
  : null);

/**
 * @throws NotFoundError when no transcript of that conversation is kept (unknown, or past retention)
 * @example await viewTranscript(deps, { conversationId: 'abc', actor: 'boss' })
 */
export async function viewTranscript(deps: TranscriptViewDeps, q: { conversationId: string; channelId?: string; actor: string }): Promise<TranscriptView> {
  const channelId = q.channelId ?? (await deps.repo.channelOf(q.conversationId));
  if (!channelId) throw new NotFoundError(`conversationId: no transcript of "${q.conversationId}"`);
  const lines: TranscriptLineView[] = [];
  let token: string | undefined;
  let seen = 0;
  do {
    const page = await deps.transcripts.getTranscriptActivities(channelId, q.conversationId, token);
    seen += page.items.length;
    for (const a of page.items) {
      const line = lineOf(a);
      if (line) lines.push(line);
    }
    token = page.continuationToken || undefined;
  } while (token && lines.length < MAX_TRANSCRIPT_LINES);
  if (!seen) throw new NotFoundError(`conversationId: no transcript of "${q.conversationId}" on ${channelId}`);
  await deps.repo.recordView({ conversationId: q.conversationId, channelId, actor: q.actor, at: (deps.now ?? Date.now)() });
  return { conversationId: q.conversationId, channelId, lines: lines.slice(0, MAX_TRANSCRIPT_LINES) };
}
