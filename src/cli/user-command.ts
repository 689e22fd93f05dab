/**
 * @module cli/user-command
 * `lawline user add --role agent --username u --password p`: adds a staff account to the state database
 * (PostgreSQL when LAWLINE_DATABASE_URL is set, else the SQLite file).
 * Prints `{"ok":true,"id","username","role"}`; the password is never printed or logged.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { newAccountSchema, ROLES } from '../accounts/account-schema.js';
import { createAccountStore } from '../accounts/account-store.js';
import type { Config } from '../config/config.js';
import { formatZodIssues, InputError } from '../errors.js';
import { openStateSql } from '../server/lawline-state.js';
import { createAccountRepository } from '../storage/repositories/account-repository.js';

export const USER_USAGE = `usage: lawline user add --role <${ROLES.join('|')}> --username <name> --password <password>`;

const addFlagsSchema = newAccountSchema.extend({
  role: z.enum(ROLES, { errorMap: () => ({ message: `expected one of ${ROLES.join(', ')}` }) }),
});

/**
 * Runs `lawline user <args>`.
 * @returns the exit code (0 ok, 2 usage error)
 * @throws InputError for invalid flags, a taken username or a short password (the message names the flag)
 */
export async function runUserCommand(args: string[], config: Config, out: (line: string) => void): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'add') {
    out(USER_USAGE);
    return 2;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: rest, options: { role: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new InputError(`${(err as Error).message}\n${USER_USAGE}`);
  }
  const flags = addFlagsSchema.safeParse(values);
  if (!flags.success) throw new InputError(`${formatZodIssues(flags.error).replace(/(^|; )(\w+):/g, '$1--$2:')}\n${USER_USAGE}`);
  const sql = await openStateSql(config);
  try {
    const account = await createAccountStore(createAccountRepository(sql)).addUser(flags.data).catch((err: unknown) => {
      throw err instanceof InputError ? new InputError(`--${err.message}`) : err;
    });
    out(JSON.stringify({ ok: true, id: account.id, username: account.username, role: account.role }));
    return 0;
  } finally {
    await sql.close();
  }
}
