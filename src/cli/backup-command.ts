/**
 * @module cli/backup-command
 * `lawline backup FILE` copies the state database (accounts, pre-applications, tickets, transcripts) while the
 * server keeps running; `lawline restore FILE` puts a copy back, and refuses while a server uses the database.
 * PostgreSQL when LAWLINE_DATABASE_URL is set (pg_dump / pg_restore), else the SQLite file in the state directory.
 */
import type { Config } from '../config/config.js';
import { InputError } from '../errors.js';
import { stateDir } from '../server/lawline-state.js';
import { backupState, restoreState } from '../storage/state-backup.js';

export const BACKUP_USAGE = 'usage: lawline backup FILE | lawline restore FILE';

/** Runs `lawline backup|restore FILE`; prints one JSON line. @returns the exit code */
export async function runBackupCommand(command: 'backup' | 'restore', args: string[], config: Config, out: (line: string) => void): Promise<number> {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) throw new InputError(`${command} takes one FILE\n${BACKUP_USAGE}`);
  const at = { url: config.LAWLINE_DATABASE_URL, dir: stateDir(config) };
  const file = args[0];
  const done = command === 'backup' ? await backupState(at, file) : await restoreState(at, file);
  out(JSON.stringify({ ok: true, command, file, ...done }));
  return 0;
}
