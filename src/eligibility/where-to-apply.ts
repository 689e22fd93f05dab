/**
 * @module eligibility/where-to-apply
 * Builds the "where and how to apply" block from the region config: the county legal-aid institution (when a
 * county is known), the city legal aid office, the justice bureau for objections, 12348 and online channels.
 * Contact fields are copied with their confirmed flags; nothing is invented.
 */
import type { County, Office, Region } from '../config/region.js';
import { zh } from './messages-zh.js';
import type { OfficeContact, WhereToApply } from './schema.js';

const ONLINE_FOR_LEGAL_AID = ['gd-12348-web', 'yueshengshi'];

function toContact(o: Office): OfficeContact {
  const c: OfficeContact = {
    id: o.id,
    name: o.name,
    nameConfirmed: o.nameConfirmed,
    level: o.level,
    address: o.address,
    phone: o.phone,
    hours: o.hours,
  };
  if (o.postalAddress) c.postalAddress = o.postalAddress;
  return c;
}

function findOffice(region: Region, kind: Office['kind'], county: County | null): Office | undefined {
  return region.offices.find((o) =>
    county ? o.kind === kind && o.level === 'county' && o.county === county.id : o.kind === kind && o.level === 'city',
  );
}

function hasUnconfirmed(c: OfficeContact): boolean {
  const fields = [c.address, c.phone, c.hours, c.postalAddress].filter((f) => f !== undefined);
  return !c.nameConfirmed || fields.some((f) => !f.confirmed);
}

/**
 * Where to apply for legal aid in the region.
 * @param county - the applicant's county-level unit, or null when unknown (city office only)
 */
export function buildWhereToApply(region: Region, county: County | null): WhereToApply {
  const offices: OfficeContact[] = [];
  const local = county ? findOffice(region, 'legal_aid', county) : undefined;
  if (local) offices.push(toContact(local));
  const city = findOffice(region, 'legal_aid', null);
  if (city) offices.push(toContact(city));

  // Objections go to the bureau that set up the deciding institution; the most local one is named first.
  const bureau = (county && findOffice(region, 'justice_bureau', county)) || findOffice(region, 'justice_bureau', null);
  const objectionsTo = bureau ? toContact(bureau) : null;

  const hotline = region.hotlines.find((h) => h.id === '12348');
  if (!hotline) throw new Error('region config has no 12348 hotline');
  const online = region.online
    .filter((o) => ONLINE_FOR_LEGAL_AID.includes(o.id))
    .map((o) => ({ name: o.name, url: o.url, howTo: o.howTo }));

  const unconfirmed =
    [...offices, ...(objectionsTo ? [objectionsTo] : [])].some(hasUnconfirmed) ||
    online.some((o) => !o.url.confirmed || !o.howTo.confirmed);
  return {
    county: county?.name ?? null,
    rule: zh('next.where'),
    offices,
    objectionsTo,
    hotline: { name: hotline.name, number: hotline.number },
    online,
    confirmAdvice: unconfirmed ? zh('next.confirm_12348') : null,
  };
}

/** Online channel names and addresses for the "apply online" step, e.g. "广东法律服务网（https://gd.12348.gov.cn）". */
export function onlineChannelsText(where: WhereToApply): string {
  return where.online.map((o) => (o.url.value ? `${o.name}（${o.url.value}）` : o.name)).join('、');
}
