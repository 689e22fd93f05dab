/**
 * @module cli/roster-command
 * `lawline roster import <file.csv>`: replaces the duty-lawyer roster in the state database with the file's
 * rows (format: see handoff/roster-csv). Every row is validated first; any bad row rejects the whole file with
 * errors naming the lines. Prints `{"ok":true,"lawyers":N,"warnings":[…]}`; a warning names each username that
 * has no lawyer account yet (add it with `lawline user add --role lawyer`). Running servers pick the new
 * roster up at once (PostgreSQL: they are notified) or on their next hand-off step (SQLite).
 */
import { readFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import { loadRegion } from '../config/region.js';
import { InputError } from '../errors.js';
import { createHandoffStore } from '../handoff/handoff-store.js';
import { parseRosterCsv, ROSTER_COLUMNS } from '../handoff/roster-csv.js';
import { openStateSql } from '../server/lawline-state.js';
import { createAccountRepository } from '../storage/repositories/account-repository.js';
import { createHandoffRepository } from '../storage/repositories/handoff-repository.js';

export const ROSTER_USAGE = `usage: lawline roster import <file.csv>   (columns: ${ROSTER_COLUMNS.join(',')})`;

/**
 * Runs `lawline roster <args>`.
 * @returns the exit code (0 ok, 2 usage error)
 * @throws InputError for an unreadable file or invalid rows (the message names file and lines)
 */
export async function runRosterCommand(args: string[], config: Config, out: (line: string) => void): Promise<number> {
  const [action, file, ...rest] = args;
  if (action !== 'import' || !file || rest.length) {
    out(ROSTER_USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file}: cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const lawyers = parseRosterCsv(text, loadRegion(config.LAWLINE_REGION_FILE), file);
  const sql = await openStateSql(config);
  try {
    // Written under the hand-off lock; running servers (any process) see the new version and reload the roster.
    await createHandoffStore(createHandoffRepository(sql), sql).replaceRoster(lawyers, 'cli', Date.now());
    const lawyerAccounts = new Set(await createAccountRepository(sql).usernamesWithRole('lawyer'));
    const warnings = lawyers.filter((l) => !lawyerAccounts.has(l.username.toLowerCase()))
      .map((l) => `${l.username}: no lawyer account yet (lawline user add --role lawyer --username ${l.username} --password …)`);
    out(JSON.stringify({ ok: true, lawyers: lawyers.length, warnings }));
    return 0;
  } finally {
    await sql.close();
  }
}
