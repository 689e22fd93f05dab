/**
 * @module documents/document-kinds
 * The document kinds a citizen can have drafted, declared as data in knowledge/documents/*.yaml and validated
 * here: title, the parties and which of their fields the draft uses, the sections in order, the receiving body and
 * the signature line. Adding a kind is adding a file; the API, the renderers and the conversation read this list.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../config/paths.js';
import { DataFileError } from '../errors.js';
import { readYamlFile } from '../read-yaml-file.js';
import { TOPIC_LABELS } from '../vocabulary.js';

/** Every kind the project ships; a file declaring another kind, or a missing one, is a data error. */
export const DOCUMENT_KINDS = ['labour_arbitration_application', 'civil_complaint', 'legal_aid_application', 'mediation_application'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const APPLICANT_KEYS = ['gender', 'birthDate', 'idNumber', 'address', 'phone'] as const;
export const RESPONDENT_KEYS = ['address', 'legalRepresentative', 'phone'] as const;

const text = z.string().trim().min(1);
/** A field with a `key` is filled from the request; one without is always a blank for handwriting. */
const partyField = <K extends readonly [string, ...string[]]>(keys: K) => z.object({ key: z.enum(keys).optional(), label: text }).strict();
const applicantField = partyField(APPLICANT_KEYS);
const respondentField = partyField(RESPONDENT_KEYS);

const sectionSchema = z.object({
  heading: text,
  /** Which request field fills it; `none` is a section the citizen always fills by hand. */
  from: z.enum(['claims', 'facts', 'evidence', 'none']),
  numbered: z.boolean().default(false),
}).strict();

const variantSchema = z.object({
  id: z.string().regex(/^[a-z][a-z_]*$/),
  label: text,
  respondentFields: z.array(respondentField).optional(),
  /** Shown in the conversation as examples only; never written into a draft. */
  claimExamples: z.array(text).default([]),
}).strict();

export const documentKindSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  title: text,
  /** The short name the conversation offers in its numbered choices. */
  label: text,
  /** Words that name this kind in a citizen's request (帮我写仲裁申请 → 仲裁). */
  mentions: z.array(text).min(1),
  /** Shown in the conversation as examples only; never written into a draft. */
  claimExamples: z.array(text).default([]),
  /** Topics whose earlier messages are offered as the facts; empty: any topic. */
  topics: z.array(z.enum(TOPIC_LABELS)).default([]),
  basis: z.array(z.object({ law: text, article: z.number().int().positive(), paragraph: z.number().int().positive().optional() }).strict()).min(1),
  applicant: z.object({ role: text, fields: z.array(applicantField) }).strict(),
  respondent: z.object({ role: text, fields: z.array(respondentField) }).strict(),
  variants: z.array(variantSchema).default([]),
  /** Words that pick a variant from what the citizen said (借钱 → loan). */
  variantMentions: z.record(z.array(text)).default({}),
  sections: z.array(sectionSchema).min(1),
  declaration: text.optional(),
  receiver: z.object({
    /** The office kind in the region file that receives it; the county's office when the county is known. */
    office: z.enum(['labour_arbitration', 'court', 'legal_aid']).optional(),
    /** Whether the city-level office receives it when no county office is known. */
    cityLevel: z.boolean(),
    /** Written when the region data cannot name the body: a visible blank before the kind of body. */
    blank: text.refine((s) => s.includes('＿'), 'must contain a visible blank ＿'),
  }).strict(),
  signature: text,
  appendix: z.array(text).default([]),
}).strict();
export type DocumentKindSpec = z.infer<typeof documentKindSchema>;
export type SectionSpec = z.infer<typeof sectionSchema>;

export const DOCUMENTS_DIR = join(REPO_ROOT, 'knowledge', 'documents');

/** Reads and checks every kind file in `dir`; the same kind twice or a shipped kind missing is an error. */
export function loadDocumentKinds(dir = DOCUMENTS_DIR): ReadonlyMap<DocumentKind, DocumentKindSpec> {
  const kinds = new Map<DocumentKind, DocumentKindSpec>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const file = join(dir, name);
    const spec = readYamlFile(file, documentKindSchema);
    if (kinds.has(spec.kind)) throw new DataFileError(file, `kind: "${spec.kind}" is declared twice`);
    kinds.set(spec.kind, spec);
  }
  const missing = DOCUMENT_KINDS.filter((k) => !kinds.has(k));
  if (missing.length) throw new DataFileError(dir, `no file declares the kind(s) ${missing.join(', ')}`);
  // Offered (numbered choices, the kinds list) in the order of DOCUMENT_KINDS, whatever the file names.
  return new Map(DOCUMENT_KINDS.map((k) => [k, kinds.get(k)!]));
}

let cached: ReadonlyMap<DocumentKind, DocumentKindSpec> | undefined;
/** The shipped kinds, read once. */
export function documentKinds(): ReadonlyMap<DocumentKind, DocumentKindSpec> {
  cached ??= loadDocumentKinds();
  return cached;
}
