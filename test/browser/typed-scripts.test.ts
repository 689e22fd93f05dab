/**
 * The browser scripts in public/ are type-checked (`npm test` runs `tsc -p tsconfig.browser.json`): every
 * hand-written script over 2 KB opts in with `// @ts-check` and lies under the config's include. And nothing
 * evaluates a script's text: the bench and the tests import the consoles' modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/paths.js';

/** Files under `dir` whose names pass `test`, as paths from the repository root. */
function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path, test);
    return test(e.name) ? [path] : [];
  });
}

describe('browser scripts', () => {
  const scripts = files('public', (name) => name.endsWith('.js'));

  it('are checked by tsconfig.browser.json when over 2 KB', () => {
    // JSON with comments: drop whole-line comments before parsing.
    const config = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.browser.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
    expect(config.include).toEqual(['public/**/*.js']);
    expect(config.compilerOptions).toMatchObject({ checkJs: true, strict: true, noEmit: true });
    const big = scripts.filter((f) => statSync(join(REPO_ROOT, f)).size > 2048);
    expect(big.length).toBeGreaterThanOrEqual(6);
    const unchecked = big.filter((f) => !readFileSync(join(REPO_ROOT, f), 'utf8').startsWith('// @ts-check\n'));
    expect(unchecked).toEqual([]);
    expect(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).toMatch(/"test": "[^"]*tsc -p tsconfig\.browser\.json/);
  });

  it('are imported, never evaluated from their text', () => {
    const code = [...files('src', (n) => n.endsWith('.ts')), ...files('test', (n) => n.endsWith('.ts'))]
      .filter((f) => relative('test/browser', f) !== 'typed-scripts.test.ts');
    const evaluating = code.filter((f) => /new Function\(|\beval\(/.test(readFileSync(join(REPO_ROOT, f), 'utf8')));
    expect(evaluating).toEqual([]);
  });
});
