/**
 * @module assistant/service-network
 * Answers "where / which phone / what hours" questions from the region config, for the county the citizen
 * named (or the city), never stating an unconfirmed detail as fact.
 */
import type { Office, Region } from '../config/region.js';
import { findCounty } from '../config/region.js';
import type { Recognition } from '../understanding/recognizer.js';
import { channelsText, officeText } from './office-text.js';

/** Which kind of office a question is about, from its words. */
const KIND_WORDS: Array<[RegExp, Office['kind']]> = [
  [/法律援助|法援/, 'legal_aid'],
  [/公证/, 'notary'],
  [/劳动仲裁|劳动人事争议|仲裁院/, 'labour_arbitration'],
  [/仲裁/, 'commercial_arbitration'],
  [/法院|立案/, 'court'],
  [/司法局/, 'justice_bureau'],
];

export function serviceNetworkAnswer(region: Region, r: Recognition): string {
  const countyEntity = r.entities.find((e) => e.type === 'county');
  const countyName = countyEntity ? String((countyEntity.value as { name?: string }).name ?? countyEntity.text) : null;
  const county = countyName ? findCounty(region, countyName) : undefined;
  const kind = KIND_WORDS.find(([re]) => re.test(r.alteredText))?.[1] ?? 'pls_centre';
  const matches = region.offices.filter((o) => o.kind === kind);
  const local = county ? matches.filter((o) => o.county === county.id) : [];
  const city = matches.filter((o) => o.level === 'city');
  const shown = [...local, ...city].slice(0, 3);
  const lines = [`【${county ? county.name : region.city.name}的办事机构】`];
  if (shown.length) lines.push(...shown.map(officeText));
  else lines.push('暂未收录该类机构的核实信息，请拨打12348查询。');
  lines.push('【随时可用的渠道】', ...channelsText(region));
  lines.push('以上联系方式如标注“未经核实”，请先拨打12348确认后再前往。');
  return lines.join('\n');
}
