/**
 * @module tools/soak/staff-setup
 * The staff a load needs on a throw-away database: accounts written straight into the state database before the
 * server starts (as `lawline user add` would), then over HTTP the duty roster, a hardship standard (marked as a
 * test value) so eligibility checks can decide, and logged-in tokens.
 */
import { loadConfig } from '../../config/config.js';
import { openLawlineState } from '../../server/lawline-state.js';
import type { HttpClient } from './http-client.js';
import type { LawyerLogin } from './lawyer-desk.js';

export interface Staff { admin: string; agent: string; lawyers: LawyerLogin[] }

const password = (username: string) => `${username}-soak-password`;
const lawyerName = (i: number) => `soaklawyer${i}`;

/** Adds the admin, an agent and `lawyers` lawyer accounts to the database `env` names. */
export async function addStaffAccounts(env: Record<string, string>, lawyers: number): Promise<void> {
  const state = await openLawlineState(loadConfig({ ...process.env, ...env }));
  try {
    await state.accounts.addUser({ username: 'soakadmin', password: password('soakadmin'), role: 'admin' });
    await state.accounts.addUser({ username: 'soakagent', password: password('soakagent'), role: 'agent' });
    for (let i = 1; i <= lawyers; i++) await state.accounts.addUser({ username: lawyerName(i), password: password(lawyerName(i)), role: 'lawyer' });
  } finally {
    await state.close();
  }
}

async function login(http: HttpClient, username: string): Promise<string> {
  const res = await http.call('staff.login', 'POST', '/api/v1/auth/login', { body: { username, password: password(username) } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.body.token as string;
}

/** Logs the staff in and sets the roster and the hardship standard; safe to repeat after a restart. */
export async function prepareStaff(http: HttpClient, lawyers: number): Promise<Staff> {
  const admin = await login(http, 'soakadmin');
  const agent = await login(http, 'soakagent');
  const roster = Array.from({ length: lawyers }, (_, i) => ({
    username: lawyerName(i + 1), name: `值班${i + 1}`, licence: `1441820181${String(i + 1).padStart(7, '0')}`, firm: '清远测试律师事务所',
    topics: ['*'], counties: ['*'], languages: ['mandarin', 'cantonese'], capacity: 3, shifts: 'mon-sun 00:00-24:00',
  }));
  const set = await http.call('staff.roster', 'PUT', '/api/v1/handoff/roster', { body: { lawyers: roster }, token: admin });
  if (set.status !== 200) throw new Error(`roster: ${set.status} ${JSON.stringify(set.body)}`);
  const standard = await http.call('staff.standard', 'PUT', '/api/v1/region/hardship-standard', {
    body: { cityUrbanIncomePerYear: 48000, year: 2099, source: 'https://example.invalid/load-test-only' }, token: admin,
  });
  if (standard.status !== 200) throw new Error(`hardship standard: ${standard.status} ${JSON.stringify(standard.body)}`);
  const lawyerLogins: LawyerLogin[] = [];
  for (let i = 1; i <= lawyers; i++) lawyerLogins.push({ username: lawyerName(i), token: await login(http, lawyerName(i)) });
  return { admin, agent, lawyers: lawyerLogins };
}
