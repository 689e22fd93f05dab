/**
 * @module server/lawline-state
 * The state database `<stateDir>/lawline.sqlite` (LAWLINE_STATE_DIR, else LAWLINE_DATA_DIR) and the stores on
 * it: bot state, staff accounts, pre-applications. Opened once per process by the server.
 */
import { createAccountStore, type AccountStore } from '../accounts/account-store.js';
import type { Config } from '../config/config.js';
import { createPreapplicationStore, type PreapplicationStore } from '../preapplication/preapplication-store.js';
import { openDatabase, type Db } from '../storage/database.js';
import { SqliteStorage } from '../storage/sqlite-storage.js';

export interface LawlineState {
  db: Db;
  storage: SqliteStorage;
  accounts: AccountStore;
  preapplications: PreapplicationStore;
  close(): void;
}

/** Where the state database lives for `config`. */
export function stateDir(config: Config): string {
  return config.LAWLINE_STATE_DIR ?? config.LAWLINE_DATA_DIR;
}

/** Opens (creating if needed) the state database and its stores. */
export function openLawlineState(config: Config): LawlineState {
  const db = openDatabase(stateDir(config), 'lawline');
  return {
    db,
    storage: new SqliteStorage(db),
    accounts: createAccountStore(db),
    preapplications: createPreapplicationStore(db),
    close: () => db.close(),
  };
}
