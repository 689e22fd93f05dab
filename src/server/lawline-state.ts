/**
 * @module server/lawline-state
 * The state database and the stores on it: bot state, staff accounts, pre-applications, conversation transcripts
 * (and, through `sql`, Direct Line logs, hand-off tickets and the WeChat channel's shared records). The database is
 * PostgreSQL when LAWLINE_DATABASE_URL is set, shared by any number of lawline processes; otherwise the embedded
 * SQLite file `<stateDir>/lawline.sqlite` (LAWLINE_STATE_DIR, else LAWLINE_DATA_DIR), whose WAL a worker thread
 * checkpoints so that requests never stall on it. Transcript activities older than LAWLINE_TRANSCRIPT_DAYS are
 * deleted at start-up and then daily, by one process of the cluster at a time.
 */
import { createAccountStore, type AccountStore } from '../accounts/account-store.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { createPreapplicationStore, type PreapplicationStore } from '../preapplication/preapplication-store.js';
import { openStateDatabase } from '../storage/open-state-database.js';
import { createAccountRepository } from '../storage/repositories/account-repository.js';
import { createPreapplicationRepository } from '../storage/repositories/preapplication-repository.js';
import type { SqlClient } from '../storage/sql-client.js';
import { SqlStorage } from '../storage/sql-storage.js';
import { SqlTranscriptStore } from '../storage/sql-transcript-store.js';
import { markServing } from '../storage/state-backup.js';

export interface LawlineState {
  sql: SqlClient;
  storage: SqlStorage;
  accounts: AccountStore;
  preapplications: PreapplicationStore;
  /** Every conversation on every channel (personal data: read only through the hand-off). */
  transcripts: SqlTranscriptStore;
  /** Key Direct Line tokens are signed with, from LAWLINE_TOKEN_SECRET; unset: a key kept in the database. */
  tokenSecret: Buffer | undefined;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Token lifetimes from the configuration. */
export function accountOptions(config: Config): { tokenTtlMs: number; idleMs: number } {
  return { tokenTtlMs: config.LAWLINE_STAFF_TOKEN_HOURS * 3_600_000, idleMs: config.LAWLINE_STAFF_IDLE_MINUTES * 60_000 };
}

/** Where the SQLite state database lives for `config`. */
export function stateDir(config: Config): string {
  return config.LAWLINE_STATE_DIR ?? config.LAWLINE_DATA_DIR;
}

/** The start of the transcript retention period at `now`. */
export function transcriptCutoff(config: Config, now = new Date()): Date {
  return new Date(now.getTime() - config.LAWLINE_TRANSCRIPT_DAYS * DAY_MS);
}

/** Opens the state database named by `config` (migrating it), without the stores: for CLI commands. */
export function openStateSql(config: Config, options: { log?: Logger; checkpointer?: boolean } = {}): Promise<SqlClient> {
  return openStateDatabase({ url: config.LAWLINE_DATABASE_URL, dir: stateDir(config), log: options.log, poolSize: config.LAWLINE_DATABASE_POOL, checkpointer: options.checkpointer });
}

/** Opens (creating and migrating if needed) the state database and its stores, pruning transcripts past their retention. */
export async function openLawlineState(config: Config, options: { log?: Logger; retention?: boolean } = {}): Promise<LawlineState> {
  const sql = await openStateSql(config, { log: options.log, checkpointer: true });
  const transcripts = new SqlTranscriptStore(sql);
  const prune = () => sql.tryExclusive('transcript-retention', () => transcripts.pruneTranscripts(transcriptCutoff(config)))
    .then((n) => { if (n) options.log?.info('transcripts past their retention deleted', { activities: n }); })
    .catch((error: unknown) => options.log?.warn('transcript retention failed', { error }));
  await prune();
  const retention = options.retention === false ? undefined : setInterval(() => void prune(), DAY_MS).unref();
  // A restore must not swap the SQLite file under a serving process (PostgreSQL counts its sessions instead).
  const unmark = config.LAWLINE_DATABASE_URL ? () => {} : markServing(stateDir(config));
  return {
    sql,
    storage: new SqlStorage(sql),
    accounts: createAccountStore(createAccountRepository(sql), accountOptions(config)),
    preapplications: createPreapplicationStore(createPreapplicationRepository(sql)),
    transcripts,
    tokenSecret: config.LAWLINE_TOKEN_SECRET ? Buffer.from(config.LAWLINE_TOKEN_SECRET, 'utf8') : undefined,
    close: async () => {
      clearInterval(retention);
      await sql.close();
      unmark();
    },
  };
}
