/**
 * @module config/region
 * Loads and validates the service-network file (knowledge/region/qingyuan.yaml): counties, offices, hotlines,
 * online channels and the legal-aid hardship standard. Every contact detail carries a `confirmed` flag so the bot
 * never presents an unverified phone, address or hour as fact.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DataFileError } from '../errors.js';

/** Default location of the region file, relative to this module. */
export const DEFAULT_REGION_FILE = fileURLToPath(new URL('../../knowledge/region/qingyuan.yaml', import.meta.url));

const nonEmpty = z.string().trim().min(1);

/** A single fact a citizen might act on, with its provenance. */
export const contactFieldSchema = z
  .object({
    value: nonEmpty.nullable(),
    confirmed: z.boolean(),
    source: z.string().url().optional(),
    sourceDate: nonEmpty.optional(),
    note: nonEmpty.optional(),
  })
  .strict()
  // A confirmed field with no value would tell the bot "we know" when we do not.
  .refine((f) => !(f.confirmed && f.value === null), { message: 'confirmed is true but value is null' });
export type ContactField = z.infer<typeof contactFieldSchema>;

export const countyKinds = ['district', 'county_level_city', 'county', 'autonomous_county'] as const;
export const officeKinds = [
  'pls_centre',
  'legal_aid',
  'justice_bureau',
  'notary',
  'commercial_arbitration',
  'labour_arbitration',
  'court',
] as const;

const countySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase slug'),
    name: nonEmpty,
    short: nonEmpty,
    kind: z.enum(countyKinds),
    website: contactFieldSchema.optional(),
  })
  .strict();
export type County = z.infer<typeof countySchema>;

/** One institution of the service network; staff edit offices in the workspace with this same schema. */
export const officeSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase slug'),
    kind: z.enum(officeKinds),
    level: z.enum(['city', 'county']),
    county: z.string().optional(),
    name: nonEmpty,
    nameConfirmed: z.boolean(),
    address: contactFieldSchema,
    postalAddress: contactFieldSchema.optional(),
    phone: contactFieldSchema,
    hours: contactFieldSchema,
    website: contactFieldSchema.optional(),
    /** What citizens can do there (法律援助申请, 办理公证 …), in the staff's words. */
    services: z.array(nonEmpty.max(40)).max(30).optional(),
    note: nonEmpty.optional(),
  })
  .strict()
  .refine((o) => (o.level === 'county') === (o.county !== undefined), {
    message: 'county is required exactly when level is "county"',
    path: ['county'],
  });
export type Office = z.infer<typeof officeSchema>;

const hotlineSchema = z
  .object({ id: nonEmpty, name: nonEmpty, number: contactFieldSchema, hours: contactFieldSchema, purpose: nonEmpty })
  .strict();
export type Hotline = z.infer<typeof hotlineSchema>;

const onlineSchema = z
  .object({ id: nonEmpty, name: nonEmpty, url: contactFieldSchema, howTo: contactFieldSchema })
  .strict();
export type OnlineChannel = z.infer<typeof onlineSchema>;

const timeRange = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1),
  open: z.string().regex(/^\d{2}:\d{2}$/),
  close: z.string().regex(/^\d{2}:\d{2}$/),
});
const officeHoursSchema = z
  .object({
    value: z.array(timeRange).min(1).nullable(),
    confirmed: z.boolean(),
    timezone: z.literal('Asia/Shanghai'),
    source: z.string().url().optional(),
    sourceDate: nonEmpty.optional(),
    note: nonEmpty.optional(),
  })
  .strict()
  .refine((f) => !(f.confirmed && f.value === null), { message: 'confirmed is true but value is null' });

const hardshipStandardSchema = z
  .object({
    year: z.number().int().min(2000).nullable(),
    cityUrbanIncomePerYear: z.number().positive().nullable(),
    source: z.string().url().nullable(),
  })
  .strict()
  // A figure without year and source cannot be checked by anyone, so it is refused.
  .refine((h) => h.cityUrbanIncomePerYear === null || (h.year !== null && h.source !== null), {
    message: 'cityUrbanIncomePerYear needs year and source',
    path: ['cityUrbanIncomePerYear'],
  });

/** Schema of the whole region file. */
export const regionSchema = z
  .object({
    city: z
      .object({ name: nonEmpty, short: nonEmpty, province: nonEmpty, website: contactFieldSchema.optional() })
      .strict(),
    counties: z.array(countySchema).min(1),
    offices: z.array(officeSchema),
    hotlines: z.array(hotlineSchema),
    online: z.array(onlineSchema),
    officeHours: officeHoursSchema,
    hardshipStandard: hardshipStandardSchema,
  })
  .strict()
  .superRefine((region, ctx) => {
    const ids = new Set(region.counties.map((c) => c.id));
    region.offices.forEach((o, i) => {
      if (o.county !== undefined && !ids.has(o.county)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['offices', i, 'county'], message: `unknown county id "${o.county}"` });
      }
    });
    if (!region.hotlines.some((h) => h.id === '12348')) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['hotlines'], message: 'the 12348 hotline is required' });
    }
  });
/** The validated service network. */
export type Region = z.infer<typeof regionSchema>;

/** Raised when the region file is missing, is not YAML, or fails validation; the message names file and field. */
export class RegionConfigError extends DataFileError {
  override name = 'RegionConfigError';
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(root)';
}

/**
 * Validates an already-parsed region object.
 * @param file - name used in error messages
 */
export function parseRegion(data: unknown, file = '<region>'): Region {
  const parsed = regionSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new RegionConfigError(file, issues.join('; '));
  }
  return parsed.data;
}

/**
 * Reads and validates the region file.
 * @param path - explicit file; else env LAWLINE_REGION_FILE; else {@link DEFAULT_REGION_FILE}
 * @throws RegionConfigError naming the file and the failing field
 */
export function loadRegion(path?: string): Region {
  const file = path ?? process.env.LAWLINE_REGION_FILE ?? DEFAULT_REGION_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RegionConfigError(file, `cannot read file (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new RegionConfigError(file, `invalid YAML (${(err as Error).message})`);
  }
  return parseRegion(data, file);
}

/**
 * Finds a county-level unit by official name (英德市), short form (英德) or id (yingde).
 * @returns the county, or undefined when the name is not one of the region's units
 */
export function findCounty(region: Region, name: string): County | undefined {
  const key = name.trim();
  return region.counties.find((c) => c.name === key || c.short === key || c.id === key);
}
