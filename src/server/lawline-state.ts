/**
 * @module server/lawline-state
 * The state database `<stateDir>/lawline.sqlite` (LAWLINE_STATE_DIR, else LAWLINE_DATA_DIR) and the stores on
 * it: bot state, staff accounts, pre-applications, conversation transcripts. Opened once per process by the server;
 * opening it deletes transcript activities older than LAWLINE_TRANSCRIPT_DAYS, and a worker thread checkpoints its WAL
 * so that requests never stall on it.
 */
import { createAccountStore, type AccountStore } from '../accounts/account-store.js';
import type { Config } from '../config/config.js';
import { createPreapplicationStore, type PreapplicationStore } from '../preapplication/preapplication-store.js';
import { openDatabase, type Db } from '../storage/database.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';
import { SqliteTranscriptStore } from '../storage/sqlite-transcript-store.js';
import { startWalCheckpointer } from '../storage/wal-checkpointer.js';
import type { Logger } from '../logging/logger.js';

export interface LawlineState {
  db: Db;
  storage: SqliteStorage;
  accounts: AccountStore;
  preapplications: PreapplicationStore;
  /** Every conversation on every channel (personal data: read only through the hand-off). */
  transcripts: SqliteTranscriptStore;
  close(): void;
}

/** Where the state database lives for `config`. */
export function stateDir(config: Config): string {
  return config.LAWLINE_STATE_DIR ?? config.LAWLINE_DATA_DIR;
}

/** The start of the transcript retention period at `now`. */
export function transcriptCutoff(config: Config, now = new Date()): Date {
  return new Date(now.getTime() - config.LAWLINE_TRANSCRIPT_DAYS * 24 * 60 * 60 * 1000);
}

/** Opens (creating if needed) the state database and its stores, pruning transcripts past their retention. */
export function openLawlineState(config: Config, options: { log?: Logger } = {}): LawlineState {
  const db = openDatabase(stateDir(config), 'lawline');
  const transcripts = new SqliteTranscriptStore(db);
  transcripts.pruneTranscripts(transcriptCutoff(config));
  const checkpointer = startWalCheckpointer(db, { onError: (error) => options.log?.warn('background WAL checkpoint failed', { error }) });
  return {
    db,
    storage: new SqliteStorage(db),
    accounts: createAccountStore(db),
    preapplications: createPreapplicationStore(db),
    transcripts,
    close: () => {
      void checkpointer.stop();
      db.close();
    },
  };
}
