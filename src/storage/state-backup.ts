/**
 * @module storage/state-backup
 * Backup and restore of the state database (accounts, pre-applications, tickets, transcripts), so an operator
 * can recover after a disk fails. SQLite: the online backup API, which copies a consistent snapshot while the
 * server keeps writing; the copy is checked with `PRAGMA integrity_check`. PostgreSQL: `pg_dump` and `pg_restore`
 * from Debian's client package. A restore refuses to run while a server has the database open.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, LawlineError, type ErrorCode } from '../errors.js';
import { createPostgresClient } from './postgres/postgres-client.js';

/** The SQLite state file's name under the state directory (see open-state-database.ts). */
export const STATE_FILE = 'lawline.sqlite';
/** Written by a serving process beside the SQLite file; a restore refuses while that process lives. */
const SERVER_MARK = 'lawline.server.pid';

export interface StateLocation { url?: string; dir: string }

/** A backup or restore that cannot proceed (a running server, a damaged file, a missing tool). */
export class BackupError extends LawlineError {
  override name = 'BackupError';
  readonly code: ErrorCode = 'backup_refused';
}

/**
 * Marks the SQLite state directory as served by this process, until the returned function is called. A process
 * killed with -9 leaves the mark behind; a dead pid does not block a restore.
 */
export function markServing(dir: string): () => void {
  const file = join(dir, SERVER_MARK);
  writeFileSync(file, String(process.pid));
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  };
}

function servingPid(dir: string): number | null {
  const file = join(dir, SERVER_MARK);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0); // signal 0: is it alive?
    return pid;
  } catch {
    return null;
  }
}

/** Problems SQLite finds in a file (empty: sound). */
function integrityProblems(file: string): string[] {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('schema_version'); // reads the header: a file that is not SQLite fails here
  } catch (error) {
    return [(error as Error).message];
  }
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } finally {
    db.close();
  }
}

/** Copies the state database to `file`. Returns what was written. */
export async function backupState(at: StateLocation, file: string): Promise<{ backend: 'sqlite' | 'postgres'; bytes: number }> {
  if (at.url) {
    run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, libpqUrl(at.url)]);
    return { backend: 'postgres', bytes: statSync(file).size };
  }
  const source = join(at.dir, STATE_FILE);
  if (!existsSync(source)) throw new InputError(`no state database at ${source}`);
  // Written beside the target and renamed, so a failed backup never leaves a file that looks whole.
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  const problems = integrityProblems(partial);
  if (problems.length) {
    rmSync(partial, { force: true });
    throw new BackupError(`the copy failed its integrity check: ${problems.slice(0, 3).join('; ')}`);
  }
  renameSync(partial, file);
  return { backend: 'sqlite', bytes: statSync(file).size };
}

/** Replaces the state database with the backup in `file`; refuses while a server has it open. */
export async function restoreState(at: StateLocation, file: string): Promise<{ backend: 'sqlite' | 'postgres' }> {
  if (!existsSync(file)) throw new InputError(`no backup file at ${file}`);
  if (at.url) {
    const sql = await createPostgresClient(at.url, { poolSize: 1 });
    try {
      const others = await sql.get<{ n: string | number }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      if (Number(others?.n ?? 0) > 0) throw new BackupError('other sessions are connected to the database: stop every lawline process before restoring');
    } finally {
      await sql.close();
    }
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${libpqUrl(at.url)}`, file]);
    return { backend: 'postgres' };
  }
  const pid = servingPid(at.dir);
  if (pid !== null) throw new BackupError(`a lawline server (pid ${pid}) is using ${at.dir}: stop it before restoring`);
  const problems = integrityProblems(file);
  if (problems.length) throw new BackupError(`${file} is not a sound SQLite database: ${problems.slice(0, 3).join('; ')}`);
  const target = join(at.dir, STATE_FILE);
  const incoming = `${target}.restoring`;
  copyFileSync(file, incoming);
  // The old write-ahead log belongs to the old file: left in place, SQLite would replay it onto the backup.
  for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  renameSync(incoming, target);
  return { backend: 'sqlite' };
}

/**
 * The URL as libpq reads it: a form-encoded query (`options=-c+search_path%3Dx`, as URLSearchParams writes it)
 * has its `+` spelled `%20`, which node-postgres and libpq both read as a space.
 */
function libpqUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q) + url.slice(q).replace(/\+/g, '%20');
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) throw new BackupError(`${tool} could not run (${result.error.message}); install Debian's postgresql-client`);
  if (result.status !== 0) throw new BackupError(`${tool} failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
}
