/**
 * @module upkeep/knowledge-sync
 * Keeps one process's knowledge up to date with the staff's edits, without a restart and without rebuilding the
 * learned artifact: every few seconds (LAWLINE_KNOWLEDGE_POLL_SECONDS) it reads the knowledge version, one row; only
 * when another process (or this one) moved it does it read the live edits and lay them over the question bank
 * (StaffOverlay) and the text pipeline (dialect rewrites, synonyms). An edit made here applies at once.
 */
import type { LoadedQaEntry } from '../knowledge/qa-bank.js';
import type { OverlayPhrasing, StaffOverlay } from '../knowledge/staff-overlay.js';
import type { Logger } from '../logging/logger.js';
import type { UpkeepRepository } from '../storage/repositories/upkeep-repository.js';
import type { TextPipeline } from '../text/text-pipeline.js';
import { liveKnowledge, type LiveKnowledge } from './edit-docs.js';

/** What the edits are laid over: the running assistant's overlay, text pipeline and file bank. */
export interface SyncTargets {
  overlay: Pick<StaffOverlay, 'replace' | 'version'>;
  pipeline: Pick<TextPipeline, 'analyse' | 'setAdditions'>;
  /** The question bank as the files have it. */
  bank: ReadonlyMap<string, LoadedQaEntry>;
}

export interface KnowledgeSync {
  /** Applies the live edits if the version moved since the last time; resolves once applied. */
  refresh(): Promise<void>;
  /** Polls every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  stop(): void;
}

/** Lays `live` (as of `version`) over the targets. */
export function applyLiveKnowledge(targets: SyncTargets, version: number, live: LiveKnowledge): void {
  // Rewrites first: the phrasings below are normalised the way questions will be from now on.
  targets.pipeline.setAdditions({ dialect: live.dialect, synonyms: live.synonyms });
  const staff: LoadedQaEntry[] = live.entries.map((e) => ({ ...e, file: `staff:${e.id}` }));
  const byId = new Map(staff.map((e) => [e.id, e]));
  const normalised = (q: string) => targets.pipeline.analyse(q).normalised;
  const phrasings: OverlayPhrasing[] = staff.flatMap((e) => e.questions.map((q) => ({ normalised: normalised(q), entry: e })));
  for (const p of live.phrasings) {
    // A phrasing of an entry undone since (or gone from the files) answers nothing.
    const entry = byId.get(p.entryId) ?? targets.bank.get(p.entryId);
    if (entry) phrasings.push({ normalised: normalised(p.question), entry });
  }
  targets.overlay.replace(version, phrasings, staff);
}

/** @example const sync = createKnowledgeSync(repo, lawline, log); await sync.refresh(); sync.start(15_000); */
export function createKnowledgeSync(repo: UpkeepRepository, targets: SyncTargets, log: Logger): KnowledgeSync {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const once = async () => {
    const version = await repo.version();
    if (version === targets.overlay.version) return;
    const live = liveKnowledge(await repo.edits({ live: true }));
    if (live.skipped.length) log.warn('knowledge edits left out: their documents no longer parse', { edits: live.skipped });
    applyLiveKnowledge(targets, version, live);
    log.info('knowledge edits applied', { version, entries: live.entries.length, phrasings: live.phrasings.length, synonyms: live.synonyms.length, rewrites: live.dialect.length });
  };
  // One refresh at a time; a call made while one runs gets a fresh one after it (it may have missed the newest edit).
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = once().finally(() => {
      running = null;
      if (again) {
        again = false;
        refresh().catch((error: unknown) => log.warn('knowledge sync failed', { error }));
      }
    });
    return running;
  };
  return {
    async refresh() {
      await refresh();
      // A caller that just made an edit must see it applied: wait out a refresh that started before it.
      while (running) await running;
    },
    start(intervalMs) {
      timer = setInterval(() => { refresh().catch((error: unknown) => log.warn('knowledge sync failed', { error })); }, intervalMs);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
