/**
 * @module knowledge/guides
 * Loads and validates the service guides in `knowledge/guides/*.yaml`, and checks their statute references.
 */
import { readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chineseToInt, NUMERAL_CHARS } from '../text/chinese-numerals.js';
import { GuideSchema, type Guide, type LawRef } from './schemas/guide.js';
import { readYamlEntries } from './yaml-entries.js';
import { LawlineError, type ErrorCode } from '../errors.js';

/** Default guide folder, resolved from this file so the CLI works from any cwd. */
export const DEFAULT_GUIDES_DIR = resolve(fileURLToPath(new URL('../../knowledge/guides', import.meta.url)));

/** Thrown when one or more guide files are invalid; `problems` holds one line per file and field. */
export class GuideLoadError extends LawlineError {
  override name = 'GuideLoadError';
  readonly code: ErrorCode = 'invalid_data_file';
  constructor(readonly problems: string[]) {
    super(`invalid guides:\n${problems.join('\n')}`);
  }
}

/**
 * Reads every `*.yaml` / `*.yml` file in `dir`, validates it, and checks that each id equals its file name
 * and is unique. Collects all problems before throwing, so one run shows every broken field.
 * @throws GuideLoadError naming file and field path, e.g. `labour-arbitration.yaml: basis.0.article: …`.
 */
export function loadGuides(dir: string = DEFAULT_GUIDES_DIR): Guide[] {
  const files = readdirSync(dir)
    .filter((f) => ['.yaml', '.yml'].includes(extname(f)))
    .sort();
  const { items, problems } = readYamlEntries(files.map((file) => ({ full: join(dir, file), file })), GuideSchema);
  const guides: Guide[] = items.map((i) => i.value);
  if (problems.length > 0) throw new GuideLoadError(problems);
  return guides;
}

const BRACKETS = /（([^（）]*)）/g;
const SEGMENT = new RegExp(`^(.*?)第([${NUMERAL_CHARS}]+)条`);

/**
 * Extracts `{law, article}` citations written in full-width brackets, e.g.
 * "（劳动争议调解仲裁法第四十七条、第四十八条）" → two refs. A segment without a law name reuses the previous one.
 * Brackets holding a number but no 条 (e.g. 粤府令第268号) are ignored.
 */
export function extractCitations(text: string): LawRef[] {
  const refs: LawRef[] = [];
  for (const [, inner] of text.matchAll(BRACKETS)) {
    let law = '';
    for (const segment of inner!.split(/[、；;，,]/)) {
      const m = SEGMENT.exec(segment.trim());
      if (!m) continue;
      const name = m[1]!.trim().replace(/^《|》$/g, '').replace(/^中华人民共和国/, '');
      if (name) law = name;
      if (law) refs.push({ law, article: chineseToInt(m[2]!) });
    }
  }
  return refs;
}

/** Every free-text field of a guide, labelled with its path, for citation checks. */
function textFields(guide: Guide): Array<[string, string]> {
  const out: Array<[string, string]> = [['summary', guide.summary], ['audience', guide.audience]];
  const lists = ['steps', 'materials', 'timeLimits', 'fees', 'unconfirmed'] as const;
  for (const key of lists) guide[key].forEach((s, i) => out.push([`${key}.${i}`, s]));
  guide.whereToGo.forEach((w, i) => out.push([`whereToGo.${i}.text`, w.text]));
  return out;
}

/**
 * Checks every `basis` reference and every bracketed citation in the text against the statute corpus.
 * Also requires each text citation to appear in `basis`, so retrieval sees all the law a guide relies on.
 * When `hasOffice` is given, every non-null `whereToGo.office` must be a known region office id.
 * @returns one problem line per bad reference (empty when all is well).
 */
export function validateGuideReferences(
  guides: Guide[],
  hasArticle: (law: string, article: number) => boolean,
  hasOffice?: (officeId: string) => boolean,
): string[] {
  const problems: string[] = [];
  for (const guide of guides) {
    if (hasOffice) {
      guide.whereToGo.forEach((w, i) => {
        if (w.office !== null && !hasOffice(w.office)) {
          problems.push(`${guide.id}: whereToGo.${i}.office: unknown region office "${w.office}"`);
        }
      });
    }
    const inBasis = new Set(guide.basis.map((r) => `${r.law}#${r.article}`));
    guide.basis.forEach((ref, i) => {
      if (!hasArticle(ref.law, ref.article)) {
        problems.push(`${guide.id}: basis.${i}: ${ref.law} article ${ref.article} not found in the statutes`);
      }
    });
    for (const [path, value] of textFields(guide)) {
      for (const ref of extractCitations(value)) {
        if (!hasArticle(ref.law, ref.article)) {
          problems.push(`${guide.id}: ${path}: cites ${ref.law} article ${ref.article}, not found in the statutes`);
        } else if (!inBasis.has(`${ref.law}#${ref.article}`)) {
          problems.push(`${guide.id}: ${path}: cites ${ref.law} article ${ref.article}, missing from basis`);
        }
      }
    }
  }
  return problems;
}
