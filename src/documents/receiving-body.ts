/**
 * @module documents/receiving-body
 * Names the body a draft is addressed to (此致 …) from the region data: the county's office of the kind when the
 * county is known and the region file lists one, else the city-level office where the kind allows it, else the
 * kind's visible blank. Nothing is invented: a body the region file does not name stays a blank.
 */
import type { Region } from '../config/region.js';
import { InputError } from '../errors.js';
import type { DocumentKindSpec } from './document-kinds.js';

export interface ReceivingBody {
  name: string;
  /** False when the name is the kind's blank. */
  fromRegion: boolean;
  /** Whether the region file marks the name as confirmed by a source. */
  confirmed: boolean;
}

/** The full name of the county-level unit `name` (full or short), or an InputError naming `county`. */
export function countyName(region: Region, name: string): string {
  const found = region.counties.find((c) => c.name === name || c.short === name);
  if (!found) throw new InputError(`county: "${name}" is not a county-level unit of ${region.city.name} (expected one of ${region.counties.map((c) => c.name).join('、')})`);
  return found.name;
}

export function receivingBody(spec: DocumentKindSpec, region: Region, county?: string): ReceivingBody {
  const blank: ReceivingBody = { name: spec.receiver.blank, fromRegion: false, confirmed: false };
  const kind = spec.receiver.office;
  if (!kind) return blank;
  const countyId = county ? region.counties.find((c) => c.name === county || c.short === county)?.id : undefined;
  const office = (countyId ? region.offices.find((o) => o.kind === kind && o.level === 'county' && o.county === countyId) : undefined)
    ?? (spec.receiver.cityLevel ? region.offices.find((o) => o.kind === kind && o.level === 'city') : undefined);
  return office ? { name: office.name, fromRegion: true, confirmed: office.nameConfirmed } : blank;
}
