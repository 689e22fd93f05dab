/**
 * @module knowledge/content-hash
 * A fingerprint of the data folders, so the index is rebuilt only when their content changes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function listFiles(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a missing optional folder hashes as empty
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) listFiles(full, out);
    else if (e.isFile()) out.push(full);
  }
}

/** SHA-256 over every file's relative path and bytes under `roots` (and a `salt`, e.g. the index version). */
export function hashContent(roots: string[], base: string, salt: string): string {
  const hash = createHash('sha256').update(salt);
  for (const root of roots) {
    const files: string[] = [];
    if (statSync(root, { throwIfNoEntry: false })?.isFile()) files.push(root);
    else listFiles(root, files);
    files.sort();
    for (const f of files) {
      hash.update(relative(base, f)).update('\0').update(readFileSync(f)).update('\0');
    }
  }
  return hash.digest('hex');
}
