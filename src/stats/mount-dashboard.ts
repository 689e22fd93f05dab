/**
 * @module stats/mount-dashboard
 * Puts the service-quality dashboard's page on the app: the workspace pages at `/admin` (the staff headers apply,
 * as for every staff page) and Chart.js from node_modules at `/admin/vendor/chart.umd.min.js`, so the charts need
 * no CDN and the page loads only what this server serves (the strict CSP allows nothing else).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Express } from 'express';
import { PATHS } from '../config/paths.js';

/** Chart.js's UMD build (one file, no imports): its package exports only the module entry, so it is found beside it. */
export const CHART_JS_FILE = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
export const CHART_JS_PATH = '/admin/vendor/chart.umd.min.js';

/** Call before the app's 404 handler. @example mountDashboard(app) */
export function mountDashboard(app: Express): void {
  app.get(CHART_JS_PATH, (_req, res) => res.sendFile(CHART_JS_FILE, { maxAge: '1d' }));
  // As fresh as the staff modules the pages import.
  app.use('/admin', express.static(join(PATHS.publicDir, 'admin'), { index: 'index.html', maxAge: 0 }));
}
