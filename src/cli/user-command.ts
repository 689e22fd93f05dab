/**
 * @module cli/user-command
 * Staff accounts in the state database (PostgreSQL when LAWLINE_DATABASE_URL is set, else the SQLite file):
 * - `lawline user add --role agent --username u --password p` adds one; prints `{"ok":true,"id","username","role"}`;
 * - `lawline user passwd --username u --password p` sets a new password (and enables a disabled account);
 * - `lawline user disable --username u` disables one.
 * Changing a password or disabling ends the account's tokens at once, in every process. Passwords are never
 * printed or logged.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { newAccountSchema, ROLES } from '../accounts/account-schema.js';
import { createAccountStore } from '../accounts/account-store.js';
import type { Config } from '../config/config.js';
import { formatZodIssues, InputError } from '../errors.js';
import { accountOptions, openStateSql } from '../server/lawline-state.js';
import { createAccountRepository } from '../storage/repositories/account-repository.js';

export const USER_USAGE = `usage: lawline user add --role <${ROLES.join('|')}> --username <name> --password <password>
       lawline user passwd --username <name> --password <password>
       lawline user disable --username <name>`;

const addFlagsSchema = newAccountSchema.extend({
  role: z.enum(ROLES, { errorMap: () => ({ message: `expected one of ${ROLES.join(', ')}` }) }),
});
const passwdFlagsSchema = newAccountSchema.omit({ role: true });
const disableFlagsSchema = newAccountSchema.pick({ username: true }).strict();

/**
 * Runs `lawline user <args>`.
 * @returns the exit code (0 ok, 2 usage error)
 * @throws InputError for invalid flags, a taken username or a short password (the message names the flag)
 */
export async function runUserCommand(args: string[], config: Config, out: (line: string) => void): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'add' && action !== 'passwd' && action !== 'disable') {
    out(USER_USAGE);
    return 2;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: rest, options: { role: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new InputError(`${(err as Error).message}\n${USER_USAGE}`);
  }
  const schema = action === 'add' ? addFlagsSchema : action === 'passwd' ? passwdFlagsSchema : disableFlagsSchema;
  const flags = schema.safeParse(values);
  if (!flags.success) throw new InputError(`${formatZodIssues(flags.error).replace(/(^|; )(\w+):/g, '$1--$2:')}\n${USER_USAGE}`);
  const sql = await openStateSql(config);
  try {
    const store = createAccountStore(createAccountRepository(sql), accountOptions(config));
    // The store names the field ("username: …"); on the command line it is a flag.
    const asFlag = (err: unknown) => {
      throw err instanceof InputError ? new InputError(`--${err.message}`) : err;
    };
    if (action === 'add') {
      const account = await store.addUser(flags.data as z.infer<typeof addFlagsSchema>).catch(asFlag);
      out(JSON.stringify({ ok: true, id: account.id, username: account.username, role: account.role }));
    } else if (action === 'passwd') {
      const { username, password } = flags.data as z.infer<typeof passwdFlagsSchema>;
      await store.changePassword(username, password).catch(asFlag);
      out(JSON.stringify({ ok: true, username, passwordChanged: true, tokensRevoked: true }));
    } else {
      const { username } = flags.data as z.infer<typeof disableFlagsSchema>;
      await store.disable(username).catch(asFlag);
      out(JSON.stringify({ ok: true, username, disabled: true, tokensRevoked: true }));
    }
    return 0;
  } finally {
    await sql.close();
  }
}
