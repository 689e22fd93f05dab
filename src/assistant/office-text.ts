/**
 * @module assistant/office-text
 * Renders service-network facts for citizens without ever presenting an unconfirmed value as fact:
 * unconfirmed values carry their source date and the advice to check with 12348; unknown values say so.
 */
import type { ContactField, Office, Region } from '../config/region.js';

export const CONFIRM_VIA_12348 = '请先拨打12348核实';

/** "0763-3380148（2020-02公布，可能已变化，请先拨打12348核实）", or null when the value is unknown. */
export function contactText(field: ContactField | undefined): string | null {
  if (!field || field.value === null) return null;
  if (field.confirmed) return field.value;
  const when = field.sourceDate ? `${field.sourceDate}公布，` : '';
  return `${field.value}（${when}未经核实，${CONFIRM_VIA_12348}）`;
}

/** A multi-line description of one office. */
export function officeText(office: Office): string {
  const lines = [office.nameConfirmed ? office.name : `${office.name}（机构名称未经核实）`];
  const address = contactText(office.address);
  const phone = contactText(office.phone);
  const hours = contactText(office.hours);
  lines.push(`  地址：${address ?? `暂无核实信息，${CONFIRM_VIA_12348.replace('先', '')}查询`}`);
  lines.push(`  电话：${phone ?? '暂无核实信息，请拨打12348查询'}`);
  if (hours) lines.push(`  时间：${hours}`);
  if (office.services?.length) lines.push(`  服务：${office.services.join('、')}`);
  return lines.join('\n');
}

/** The 12348 line and the online channels, as short lines. */
export function channelsText(region: Region): string[] {
  const lines: string[] = [];
  const hotline = region.hotlines.find((h) => h.id === '12348');
  if (hotline) lines.push(`· ${hotline.name}：拨打${hotline.number.value ?? '12348'}（${hotline.purpose}）`);
  for (const o of region.online) {
    const url = contactText(o.url);
    const how = contactText(o.howTo);
    lines.push(`· ${o.name}${url ? `：${url}` : ''}${how ? `（${how}）` : ''}`);
  }
  return lines;
}
