/**
 * @module documents/draft-request
 * What a draft is made from: the request body of `POST /api/v1/documents` (zod-checked, 400 naming the field) and
 * the looser fields the conversation collects, where anything may still be missing and becomes a blank.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS } from './document-kinds.js';

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Longest free text in a draft: facts and reasons run to a few pages at most. */
export const MAX_FACTS_CHARS = 5000;

/** An optional text field: blank strings count as missing. */
const optional = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional().transform((s) => (s ? s : undefined));
const required = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);

const applicantSchema = z.object({
  name: required(60),
  gender: z.enum(['男', '女']).optional(),
  birthDate: optional(20),
  idNumber: z.string().trim().regex(/^\d{17}[\dXx]$/, 'expected an 18-character resident ID number').optional(),
  address: optional(200),
  phone: optional(30),
}).strict();

const respondentSchema = z.object({
  name: required(100),
  address: optional(200),
  legalRepresentative: optional(60),
  phone: optional(30),
}).strict();

export const draftFieldsSchema = z.object({
  applicant: applicantSchema,
  respondent: respondentSchema,
  claims: z.array(required(500)).max(20, 'at most 20 claims'),
  facts: z.string().trim().max(MAX_FACTS_CHARS, `at most ${MAX_FACTS_CHARS} characters`),
  evidence: z.array(required(300)).max(30, 'at most 30 items').optional(),
}).strict();

/** Body of `POST /api/v1/documents`. `variant` picks a case type of the kind; `county` picks the receiving body. */
export const documentRequestSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  format: z.enum(DOCUMENT_FORMATS),
  variant: z.string().trim().min(1).max(40).optional(),
  county: z.string().trim().min(1).max(30).optional(),
  fields: draftFieldsSchema,
}).strict();
export type DocumentRequest = z.infer<typeof documentRequestSchema>;

/** The fields a draft is rendered from; anything absent is written as a blank. */
export interface DraftFields {
  applicant: { name?: string; gender?: string; birthDate?: string; idNumber?: string; address?: string; phone?: string };
  respondent: { name?: string; address?: string; legalRepresentative?: string; phone?: string };
  claims: string[];
  facts: string;
  evidence: string[];
}

/** Everything a draft needs besides its format. */
export interface DraftSpec {
  kind: DocumentRequest['kind'];
  variant?: string;
  /** The county-level unit (full name) whose body receives the document, when known. */
  county?: string;
  fields: DraftFields;
}

/** The stored form of a draft (a download link's or a pre-application's), checked again when read back. */
export const draftSpecSchema: z.ZodType<DraftSpec, z.ZodTypeDef, unknown> = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  variant: z.string().optional(),
  county: z.string().optional(),
  fields: z.object({
    applicant: z.object({ name: z.string(), gender: z.string(), birthDate: z.string(), idNumber: z.string(), address: z.string(), phone: z.string() }).partial(),
    respondent: z.object({ name: z.string(), address: z.string(), legalRepresentative: z.string(), phone: z.string() }).partial(),
    claims: z.array(z.string()),
    facts: z.string(),
    evidence: z.array(z.string()),
  }),
});
