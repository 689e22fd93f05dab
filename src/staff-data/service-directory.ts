/**
 * @module staff-data/service-directory
 * The service directory staff keep: the offices of the city and its counties (name, address, phone, hours,
 * services, each contact with its confirmed flag, source and date). An office staff edit overlays the region
 * file's office with the same id (or adds one); it is validated with the region file's own schema. The region is
 * read from the database at each use, so the bot's "where to go" answers and eligibility's where-to-apply use an
 * edit at once, in every process.
 */
import { z } from 'zod';
import { officeSchema, type Office, type Region } from '../config/region.js';
import { formatZodIssues, InputError } from '../errors.js';
import type { OverlayRepository } from '../storage/repositories/staff-overlay-repository.js';

/** The kinds of office, as the workspace shows them (one definition; the page gets them from the API). */
export const OFFICE_KIND_LABELS: Record<Office['kind'], string> = {
  pls_centre: '公共法律服务中心',
  legal_aid: '法律援助机构',
  justice_bureau: '司法局',
  notary: '公证处',
  commercial_arbitration: '仲裁委员会',
  labour_arbitration: '劳动人事争议仲裁委员会',
  court: '人民法院',
};

const idSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase slug (letters, digits, -)').max(60);

export interface DirectoryOffice extends Office {
  /** Who last changed it in the workspace, and when; null for the region file's version. */
  edited: { by: string; at: string } | null;
}

export interface ServiceDirectory {
  /** `base` with the staff's offices in place of (or beside) the file's. */
  region(base?: Region): Promise<Region>;
  /** Every office as in force, with the counties and the kinds' labels. */
  list(): Promise<{ counties: Array<{ id: string; name: string }>; kinds: Record<string, string>; offices: DirectoryOffice[] }>;
  /**
   * Creates or replaces office `id` (audited with the old and new value). `body` is the office as the region
   * file has it, without its id (the path names it).
   * @throws InputError naming the field (schema, unknown county)
   */
  put(id: string, body: Record<string, unknown>, actor: string): Promise<{ office: DirectoryOffice; previous: Office | null; created: boolean }>;
}

/**
 * @param file - the region as the region file has it (lawline.region)
 * @example const directory = createServiceDirectory(createStaffOfficeRepository(sql), lawline.region);
 */
export function createServiceDirectory(repo: OverlayRepository, file: Region, now: () => number = Date.now): ServiceDirectory {
  const merged = async (base: Region) => {
    const rows = await repo.list();
    if (!rows.length) return { region: base, edits: new Map<string, { by: string; at: string }>() };
    const staff = new Map(rows.map((r) => [r.id, JSON.parse(r.doc) as Office]));
    const offices = [...base.offices.map((o) => staff.get(o.id) ?? o), ...[...staff.values()].filter((o) => !base.offices.some((f) => f.id === o.id))];
    const edits = new Map(rows.map((r) => [r.id, { by: r.updatedBy, at: new Date(r.updatedAt).toISOString() }]));
    return { region: { ...base, offices }, edits };
  };
  return {
    async region(base = file) {
      return (await merged(base)).region;
    },
    async list() {
      const { region, edits } = await merged(file);
      return {
        counties: region.counties.map((c) => ({ id: c.id, name: c.name })),
        kinds: OFFICE_KIND_LABELS,
        offices: region.offices.map((o) => ({ ...o, edited: edits.get(o.id) ?? null })),
      };
    },
    async put(rawId, body, actor) {
      const id = idSchema.safeParse(rawId);
      if (!id.success) throw new InputError(`id: ${id.error.issues[0]!.message}`);
      const parsed = officeSchema.safeParse({ ...body, id: id.data });
      if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
      const office = parsed.data;
      if (office.county !== undefined && !file.counties.some((c) => c.id === office.county)) {
        throw new InputError(`county: unknown county id "${office.county}"; expected one of ${file.counties.map((c) => c.id).join(', ')}`);
      }
      const fileOffice = file.offices.find((o) => o.id === office.id) ?? null;
      const at = now();
      const doc = JSON.stringify(office);
      const old = await repo.put({ id: office.id, doc, updatedBy: actor, updatedAt: at }, fileOffice ? JSON.stringify(fileOffice) : null);
      return {
        office: { ...office, edited: { by: actor, at: new Date(at).toISOString() } },
        previous: old ? (JSON.parse(old.doc) as Office) : fileOffice,
        created: !old && !fileOffice,
      };
    },
  };
}
