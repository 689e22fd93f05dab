/**
 * Debian's chromium driven by playwright-core for the browser tests (never a downloaded browser). Tests skip with
 * a printed reason when /usr/bin/chromium is missing; CI installs it. Screenshots go to test-results/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { REPO_ROOT } from '../../src/config/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
export const hasChromium = existsSync(CHROMIUM);

/** Prints why a browser test is skipped. */
export function warnIfNoChromium(what: string): void {
  if (!hasChromium) console.warn(`${what} browser test skipped: ${CHROMIUM} is not installed (CI installs Debian chromium)`);
}

const profiles = new WeakMap<BrowserContext, string>();

/** Starts headless chromium with a fresh profile and the flags this machine's closed network needs. */
export async function launchBrowser(viewport: { width: number; height: number }): Promise<BrowserContext> {
  mkdirSync(SHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'lawline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  profiles.set(context, profile);
  return context;
}

/** Closes the browser and removes its profile. */
export async function closeBrowser(context: BrowserContext | undefined): Promise<void> {
  if (!context) return;
  await context.close();
  const profile = profiles.get(context);
  if (profile) rmSync(profile, { recursive: true, force: true });
}
