/**
 * @module knowledge/schemas/guide
 * Zod schema for the Qingyuan service guides in `knowledge/guides/<id>.yaml` (see docs/architecture.md).
 */
import { z } from 'zod';
import { TOPIC_LABELS } from '../../vocabulary.js';
import { reviewRecordSchema } from './review.js';
import { NUMERAL_CHARS } from '../../text/chinese-numerals.js';

/** Guide ids fixed by the architecture; every one must have a file. */
export const GUIDE_IDS = [
  'legal-aid', 'mediation', 'notarization', 'judicial-appraisal', 'labour-arbitration',
  'commercial-arbitration', 'find-lawyer', 'village-adviser', 'hotline-12348', 'legal-education',
  'legal-exam', 'complaints', 'litigation', 'administrative-reconsideration', 'protection-order',
] as const;

/** Service intents a guide can serve (the service subset of the shared intent list). */
export const GUIDE_SERVICES = [
  'consult', 'legal_aid', 'mediation', 'notary', 'appraisal', 'arbitration', 'find_lawyer',
  'institution_lookup', 'village_adviser', 'legal_education', 'legal_exam', 'complaint',
] as const;

/** The 20 shared topic labels (docs/architecture.md). */
export { TOPIC_LABELS } from '../../vocabulary.js';

/**
 * A statute citation inside full-width brackets, e.g. "（劳动争议调解仲裁法第二十七条）".
 * Time limits must carry one so a citizen can see where a deadline comes from.
 */
export const CITATION_PATTERN = new RegExp(`（[^（）]*第[${NUMERAL_CHARS}]+条[^（）]*）`);

const text = z.string().trim().min(1, 'must not be empty');

/** A `{law, article}` reference; `law` is the statute title without 中华人民共和国. */
export const LawRefSchema = z
  .object({
    law: text.refine((s) => !s.startsWith('中华人民共和国'), 'drop the 中华人民共和国 prefix'),
    article: z.number().int().positive(),
  })
  .strict();

/** A place to go; `office` is a region office id (knowledge/region/qingyuan.yaml) or null. */
export const WhereToGoSchema = z
  .object({
    text,
    office: z.string().regex(/^[a-z0-9-]+$/, 'office ids are kebab-case').nullable(),
  })
  .strict();

/** One service guide. Unknown fields are rejected so typos surface at load time. */
export const GuideSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case'),
    title: text,
    service: z.enum(GUIDE_SERVICES),
    topics: z.array(z.enum(TOPIC_LABELS)),
    keywords: z.array(text).min(1),
    summary: text,
    audience: text,
    steps: z.array(text).min(1),
    materials: z.array(text),
    timeLimits: z.array(
      text.refine((s) => CITATION_PATTERN.test(s), 'must cite its basis, e.g. （劳动争议调解仲裁法第二十七条）'),
    ),
    fees: z.array(text),
    whereToGo: z.array(WhereToGoSchema).min(1),
    basis: z.array(LawRefSchema).min(1),
    unconfirmed: z.array(text),
    /** Figures the guide states that no cited provision gives (a provincial rule's percentage, a reported count), with their source. */
    figures: z.array(z.object({ figure: text, source: text }).strict()).default([]),
    /** When it was last read against the law, and the version of each cited law read (see schemas/review.ts). */
    reviewed: reviewRecordSchema,
  })
  .strict();

/** A validated service guide. */
export type Guide = z.infer<typeof GuideSchema>;
/** A `{law, article}` reference. */
export type LawRef = z.infer<typeof LawRefSchema>;
