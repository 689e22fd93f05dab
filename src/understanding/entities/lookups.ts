/**
 * @module understanding/entities/lookups
 * Loads the entity lookup lists (intents/lexicon/entities/{counties,relationships,groups}.yaml), validates
 * them with zod and compiles them once into a character trie for a linear scan.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readYamlFile } from '../../read-yaml-file.js';
import { DataFileError } from '../../errors.js';
import { GROUP_CODES, type CountyValue, type GroupCode } from './types.js';

const contextList = z.array(z.string().min(1)).min(1).optional();
const termSchema = z.union([
  z.string().min(1),
  z.object({
    term: z.string().min(1),
    /** At least one of preceded_by / followed_by must hold when given; '^' = start of text or after punctuation. */
    preceded_by: contextList,
    followed_by: contextList,
    not_preceded_by: contextList,
    not_followed_by: contextList,
  }).strict(),
]);
const countiesSchema = z.object({
  counties: z.array(z.object({
    name: z.string().min(2),
    aliases: z.array(termSchema).default([]),
    places: z.array(termSchema).default([]),
  }).strict()).min(1),
}).strict();
const relationshipsSchema = z.object({
  relationships: z.array(z.object({ canonical: z.string().min(1), terms: z.array(termSchema).min(1) }).strict()).min(1),
}).strict();
const groupsSchema = z.object({
  groups: z.array(z.object({ code: z.enum(GROUP_CODES), terms: z.array(termSchema).min(1) }).strict()).min(1),
}).strict();

type Term = z.infer<typeof termSchema>;

/** What a lookup term yields when it matches. */
export type LookupHit =
  | { type: 'county'; value: CountyValue }
  | { type: 'relationship'; canonical: string }
  | { type: 'group'; code: GroupCode };

interface Rule {
  hit: LookupHit;
  preceded?: string[];
  followed?: string[];
  notPreceded?: string[];
  notFollowed?: string[];
}
interface TrieNode { next: Map<string, TrieNode>; rules: Rule[] }

/** Compiled lookups; build with {@link loadEntityLookups}. */
export interface EntityLookups {
  readonly dir: string;
  readonly counties: ReadonlyArray<{ name: string }>;
  readonly root: TrieNode;
}

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cache = new Map<string, EntityLookups>();


function addRule(root: TrieNode, term: Term, hit: LookupHit, seen: Map<string, string>, file: string, field: string): void {
  const t = typeof term === 'string' ? { term } : term;
  const key = JSON.stringify(hit);
  const previous = seen.get(t.term);
  if (previous !== undefined && previous !== key && typeof term === 'string') {
    throw new DataFileError(file, `${field}: term "${t.term}" is already listed with another value`);
  }
  seen.set(t.term, key);
  let node = root;
  for (const ch of t.term.split('')) {
    let child = node.next.get(ch);
    if (!child) node.next.set(ch, (child = { next: new Map(), rules: [] }));
    node = child;
  }
  node.rules.push({
    hit,
    preceded: typeof term === 'string' ? undefined : term.preceded_by,
    followed: typeof term === 'string' ? undefined : term.followed_by,
    notPreceded: typeof term === 'string' ? undefined : term.not_preceded_by,
    notFollowed: typeof term === 'string' ? undefined : term.not_followed_by,
  });
}

/**
 * Loads and compiles the lookup lists in `dir` (relative paths resolve against the project root).
 * Cached per directory, so calling it on every message is cheap.
 * @throws DataFileError naming the file and the field when a list is invalid.
 */
export function loadEntityLookups(dir = 'intents/lexicon/entities'): EntityLookups {
  const abs = isAbsolute(dir) ? dir : join(PROJECT_ROOT, dir);
  const cached = cache.get(abs);
  if (cached) return cached;
  const root: TrieNode = { next: new Map(), rules: [] };

  const countiesFile = join(abs, 'counties.yaml');
  const { counties } = readYamlFile(countiesFile, countiesSchema);
  const seenCounty = new Map<string, string>();
  counties.forEach((c, i) => {
    addRule(root, c.name, { type: 'county', value: { name: c.name } }, seenCounty, countiesFile, `counties.${i}.name`);
    c.aliases.forEach((a, j) =>
      addRule(root, a, { type: 'county', value: { name: c.name } }, seenCounty, countiesFile, `counties.${i}.aliases.${j}`));
    c.places.forEach((p, j) => {
      const place = typeof p === 'string' ? p : p.term;
      addRule(root, p, { type: 'county', value: { name: c.name, place } }, seenCounty, countiesFile, `counties.${i}.places.${j}`);
    });
  });

  const relFile = join(abs, 'relationships.yaml');
  const seenRel = new Map<string, string>();
  readYamlFile(relFile, relationshipsSchema).relationships.forEach((r, i) =>
    r.terms.forEach((t, j) =>
      addRule(root, t, { type: 'relationship', canonical: r.canonical }, seenRel, relFile, `relationships.${i}.terms.${j}`)));

  const groupFile = join(abs, 'groups.yaml');
  const seenGroup = new Map<string, string>();
  readYamlFile(groupFile, groupsSchema).groups.forEach((g, i) =>
    g.terms.forEach((t, j) => addRule(root, t, { type: 'group', code: g.code }, seenGroup, groupFile, `groups.${i}.terms.${j}`)));

  const lookups: EntityLookups = { dir: abs, counties: counties.map((c) => ({ name: c.name })), root };
  cache.set(abs, lookups);
  return lookups;
}

const BOUNDARY = /[，。！？；：,.!?;:\s~（）()]/;

function precededBy(text: string, start: number, list: string[]): boolean {
  return list.some((s) =>
    s === '^' ? start === 0 || BOUNDARY.test(text[start - 1] ?? '') : text.startsWith(s, start - s.length) && start >= s.length);
}
function followedBy(text: string, end: number, list: string[]): boolean {
  return list.some((s) => (s === '$' ? end === text.length || BOUNDARY.test(text[end] ?? '') : text.startsWith(s, end)));
}

function allowed(rule: Rule, text: string, start: number, end: number): boolean {
  if (rule.notPreceded && precededBy(text, start, rule.notPreceded)) return false;
  if (rule.notFollowed && followedBy(text, end, rule.notFollowed)) return false;
  if (!rule.preceded && !rule.followed) return true;
  return (!!rule.preceded && precededBy(text, start, rule.preceded)) || (!!rule.followed && followedBy(text, end, rule.followed));
}

/** One lookup match: where it is and what it yields. */
export interface LookupMatch { start: number; end: number; hit: LookupHit }

/** Scans text once with the trie; returns every allowed match (overlaps are resolved by the caller). */
export function matchLookups(text: string, lookups: EntityLookups): LookupMatch[] {
  const out: LookupMatch[] = [];
  for (let i = 0; i < text.length; i++) {
    let node: TrieNode | undefined = lookups.root.next.get(text[i] as string);
    let j = i + 1;
    while (node) {
      for (const rule of node.rules) if (allowed(rule, text, i, j)) out.push({ start: i, end: j, hit: rule.hit });
      node = node.next.get(text[j] as string);
      j++;
    }
  }
  return out;
}
