/**
 * Every HTTP route lawline serves, read from the source (each `router.get('/…')` / `app.post('/…')` in src/), with
 * the prefix its file is mounted at. The fuzz suite goes over all of them, so a new route is fuzzed without anyone
 * listing it; a route in a file whose mount prefix is unknown here (any file but a *-routes.ts, which is mounted
 * under /api/v1) fails the inventory test until it is added to MOUNTS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../src/config/paths.js';

export interface Route { method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'ALL'; path: string; file: string }

/** Where each routing file's routes are mounted (see src/server/app.ts and the mount-*.ts files). */
export const MOUNTS: Record<string, string> = {
  'src/server/app.ts': '',
  'src/server/routes/api-v1.ts': '/api/v1',
  'src/accounts/auth-routes.ts': '/api/v1',
  'src/agent-assist/assist-routes.ts': '/api/v1',
  'src/feedback/feedback-routes.ts': '/api/v1',
  'src/handoff/handoff-routes.ts': '/api/v1',
  'src/preapplication/preapplication-routes.ts': '/api/v1',
  'src/staff-data/staff-data-routes.ts': '/api/v1',
  'src/stats/stats-routes.ts': '/api/v1',
  'src/channels/directline/directline-router.ts': '/v3/directline',
  'src/channels/wechat/index.ts': '/wechat',
};

const ROUTE = /\b(?:router|app)\.(get|post|put|delete|patch|all)\(\s*'([^']+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Routes declared in code (comment lines, such as `@example`s, are skipped); `unmounted` lists files missing from MOUNTS. */
export function declaredRoutes(): { routes: Route[]; unmounted: string[] } {
  const routes: Route[] = [];
  const unmounted = new Set<string>();
  for (const file of sourceFiles(join(REPO_ROOT, 'src'))) {
    const rel = relative(REPO_ROOT, file).split('\\').join('/');
    const code = readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l)).join('\n');
    for (const m of code.matchAll(ROUTE)) {
      // Feature routers (*-routes.ts) are mounted under /api/v1 unless listed otherwise.
      const prefix = MOUNTS[rel] ?? (rel.endsWith('-routes.ts') ? '/api/v1' : undefined);
      if (prefix === undefined) {
        unmounted.add(rel);
        continue;
      }
      const path = `${prefix}${m[2] === '/' && prefix ? '' : m[2]}`;
      routes.push({ method: m[1]!.toUpperCase() as Route['method'], path, file: rel });
    }
  }
  return { routes, unmounted: [...unmounted] };
}
