import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { normalise } from '../../src/text/normalise.js';
import {
  extractEntities, loadEntityLookups, parseNumber, type EntityType, type EntityValue,
} from '../../src/understanding/entities.js';

const lookups = loadEntityLookups();

function ofType(text: string, type: EntityType) {
  return extractEntities(text, lookups)
    .filter((e) => e.type === type)
    .map(({ type: t, start, end, value }) => ({ type: t, start, end, value }));
}

describe('parseNumber', () => {
  test.each<[string, number, boolean?]>([
    ['三', 3], ['十', 10], ['十五', 15], ['二十三', 23], ['一百零五', 105], ['两千零五十', 2050],
    ['一万五', 15000], ['三千五', 3500], ['两百五', 250], ['一千二百五', 1250], ['五十万', 500000],
    ['一万零五百', 10500], ['一亿二千万', 120000000], ['十几万', 110000, true], ['两千多', 2000, true],
    ['七十多', 70, true], ['二〇二三', 2023], ['壹佰贰拾', 120], ['3万5', 35000], ['3.5万', 35000],
    ['1.2亿', 120000000], ['1，200', 1200], ['30000', 30000], ['几千', 1000, true],
  ])('%s → %d', (text, value, approximate = false) => {
    expect(parseNumber(text)).toMatchObject({ value, approximate });
  });

  test.each(['多', '块', 'abc', ''])('%j is not a number', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

// [message, type, span as written, start, value]
const POSITIVE: Array<[string, EntityType, string, number, EntityValue]> = [
  // money
  ['他欠我三万', 'money', '三万', 3, { yuan: 30000 }],
  ['借了3万元', 'money', '3万元', 2, { yuan: 30000 }],
  ['赔了30000块', 'money', '30000块', 2, { yuan: 30000 }],
  ['大概3.5万', 'money', '3.5万', 2, { yuan: 35000 }],
  ['一万五', 'money', '一万五', 0, { yuan: 15000 }],
  ['才给两千块钱', 'money', '两千块钱', 2, { yuan: 2000 }],
  ['押金5k', 'money', '5k', 2, { yuan: 5000 }],
  [normalise('欠款1,200元'), 'money', '1，200元', 2, { yuan: 1200 }],
  ['花了十几万', 'money', '十几万', 2, { yuan: 110000, approximate: true }],
  ['他还欠我三千五', 'money', '三千五', 4, { yuan: 3500 }],
  ['罚款八百', 'money', '八百', 2, { yuan: 800 }],
  ['项目金额1.2亿', 'money', '1.2亿', 4, { yuan: 120000000 }],
  ['欠我3000', 'money', '3000', 2, { yuan: 3000 }],
  ['两千多块', 'money', '两千多块', 0, { yuan: 2000, approximate: true }],
  ['彩礼5w', 'money', '5w', 2, { yuan: 50000 }],
  // duration
  ['试用期三个月', 'duration', '三个月', 3, { amount: 3, unit: 'month', days: 90 }],
  ['分居半年了', 'duration', '半年', 2, { amount: 0.5, unit: 'year', days: 182.5 }],
  ['干了两年多', 'duration', '两年多', 2, { amount: 2, unit: 'year', days: 730, approximate: true }],
  ['住院10天', 'duration', '10天', 2, { amount: 10, unit: 'day', days: 10 }],
  ['工作一年半', 'duration', '一年半', 2, { amount: 1.5, unit: 'year', days: 547.5 }],
  ['休了3周', 'duration', '3周', 2, { amount: 3, unit: 'week', days: 21 }],
  ['一个半月', 'duration', '一个半月', 0, { amount: 1.5, unit: 'month', days: 45 }],
  ['拖了三个多月', 'duration', '三个多月', 2, { amount: 3, unit: 'month', days: 90, approximate: true }],
  ['判了23年', 'duration', '23年', 2, { amount: 23, unit: 'year', days: 8395 }],
  // date
  ['2023年5月1日入职', 'date', '2023年5月1日', 0, { year: 2023, month: 5, day: 1 }],
  ['去年3月离职', 'date', '去年3月', 0, { relative: 'last_year', month: 3 }],
  ['5月10号开庭', 'date', '5月10号', 0, { month: 5, day: 10 }],
  ['2022.3.4签的合同', 'date', '2022.3.4', 0, { year: 2022, month: 3, day: 4 }],
  ['2023年', 'date', '2023年', 0, { year: 2023 }],
  ['二〇二三年五月一日', 'date', '二〇二三年五月一日', 0, { year: 2023, month: 5, day: 1 }],
  ['上个月10号被辞退', 'date', '上个月10号', 0, { relative: 'last_month', day: 10 }],
  ['23年5月', 'date', '23年5月', 0, { year: 2023, month: 5 }],
  ['昨天被打了', 'date', '昨天', 0, { relative: 'yesterday' }],
  ['2021-11-03', 'date', '2021-11-03', 0, { year: 2021, month: 11, day: 3 }],
  ['十二月三十一日前', 'date', '十二月三十一日', 0, { month: 12, day: 31 }],
  // age
  ['孩子16岁', 'age', '16岁', 2, { years: 16 }],
  ['我妈七十多岁了', 'age', '七十多岁', 2, { years: 70, approximate: true }],
  ['我今年65', 'age', '今年65', 1, { years: 65 }],
  ['未满十八周岁', 'age', '未满十八周岁', 0, { years: 18, bound: 'below' }],
  ['60岁以上', 'age', '60岁以上', 0, { years: 60, bound: 'at_least' }],
  ['我今年六十五了', 'age', '今年六十五了', 1, { years: 65 }],
  // household_size
  ['家里4口人', 'household_size', '家里4口人', 0, { persons: 4 }],
  ['我们一家三口', 'household_size', '一家三口', 2, { persons: 3 }],
  ['我们家五个人', 'household_size', '我们家五个人', 0, { persons: 5 }],
  ['我和老伴两个人过', 'household_size', '我和老伴两个人', 0, { persons: 2 }],
  ['家庭人口3人', 'household_size', '家庭人口3人', 0, { persons: 3 }],
  // monthly_income
  ['月收入3000', 'monthly_income', '月收入3000', 0, { yuan: 3000, per: 'unknown' }],
  ['每个月挣两千多', 'monthly_income', '每个月挣两千多', 0, { yuan: 2000, per: 'unknown', approximate: true }],
  ['一个月工资四千五', 'monthly_income', '一个月工资四千五', 0, { yuan: 4500, per: 'unknown' }],
  ['家庭月收入6000', 'monthly_income', '家庭月收入6000', 0, { yuan: 6000, per: 'household' }],
  ['人均月收入1500', 'monthly_income', '人均月收入1500', 0, { yuan: 1500, per: 'person' }],
  ['我一个月才挣3000块', 'monthly_income', '一个月才挣3000块', 1, { yuan: 3000, per: 'unknown' }],
  ['我每个月工资3k', 'monthly_income', '每个月工资3k', 1, { yuan: 3000, per: 'unknown' }],
  ['月收入不到2000', 'monthly_income', '月收入不到2000', 0, { yuan: 2000, per: 'unknown', bound: 'below' }],
  // county
  ['英德市法院在哪', 'county', '英德市', 0, { name: '英德市' }],
  ['我住英德', 'county', '英德', 2, { name: '英德市' }],
  ['我在清新', 'county', '清新', 2, { name: '清新区' }],
  ['连山壮族瑶族自治县', 'county', '连山壮族瑶族自治县', 0, { name: '连山壮族瑶族自治县' }],
  ['连山有法律援助吗', 'county', '连山', 0, { name: '连山壮族瑶族自治县' }],
  ['去连南办', 'county', '连南', 1, { name: '连南瑶族自治县' }],
  ['佛冈县', 'county', '佛冈县', 0, { name: '佛冈县' }],
  ['阳山这边', 'county', '阳山', 0, { name: '阳山县' }],
  ['连州的', 'county', '连州', 0, { name: '连州市' }],
  ['我在凤城街道', 'county', '凤城街道', 2, { name: '清城区', place: '凤城街道' }],
  ['清城区', 'county', '清城区', 0, { name: '清城区' }],
  // relationship
  ['我老公打我', 'relationship', '老公', 1, { canonical: '配偶', text: '老公' }],
  ['我媳妇', 'relationship', '媳妇', 1, { canonical: '配偶', text: '媳妇' }],
  ['我的儿媳妇', 'relationship', '儿媳妇', 2, { canonical: '子女配偶', text: '儿媳妇' }],
  ['前夫不给抚养费', 'relationship', '前夫', 0, { canonical: '前配偶', text: '前夫' }],
  ['我的小孩', 'relationship', '小孩', 2, { canonical: '子女', text: '小孩' }],
  ['我爸妈', 'relationship', '爸妈', 1, { canonical: '父母', text: '爸妈' }],
  ['我妈说', 'relationship', '妈', 1, { canonical: '父母', text: '妈' }],
  ['婆婆', 'relationship', '婆婆', 0, { canonical: '配偶父母', text: '婆婆' }],
  ['外婆', 'relationship', '外婆', 0, { canonical: '祖父母', text: '外婆' }],
  ['老细唔俾钱', 'relationship', '老细', 0, { canonical: '雇主', text: '老细' }],
  ['房东不退押金', 'relationship', '房东', 0, { canonical: '房东', text: '房东' }],
  ['男朋友', 'relationship', '男朋友', 0, { canonical: '恋人', text: '男朋友' }],
  ['隔壁邻居', 'relationship', '邻居', 2, { canonical: '邻居', text: '邻居' }],
  ['妹妹', 'relationship', '妹妹', 0, { canonical: '兄弟姐妹', text: '妹妹' }],
  // group
  ['我是低保户', 'group', '低保户', 2, { code: 'social_assistance', subject: 'speaker' }],
  ['我妈是残疾人', 'group', '残疾人', 3, { code: 'disabled', subject: 'other' }],
  ['我是未成年人', 'group', '未成年人', 2, { code: 'minor', subject: 'speaker' }],
  ['我今年16岁', 'group', '今年16岁', 1, { code: 'minor', subject: 'speaker' }],
  ['我儿子今年16岁', 'group', '今年16岁', 3, { code: 'minor', subject: 'other' }],
  ['今年65', 'group', '今年65', 0, { code: 'elderly', subject: 'unknown' }],
  ['我是农民工', 'group', '农民工', 2, { code: 'migrant_worker', subject: 'speaker' }],
  ['我是打工的', 'group', '打工的', 2, { code: 'migrant_worker', subject: 'speaker' }],
  ['他是退役军人', 'group', '退役军人', 2, { code: 'military', subject: 'other' }],
  ['烈士家属', 'group', '烈士家属', 0, { code: 'martyr_relative', subject: 'unknown' }],
  ['我见义勇为受伤', 'group', '见义勇为', 1, { code: 'bravery', subject: 'speaker' }],
  ['我失业了', 'group', '失业', 1, { code: 'no_stable_income', subject: 'speaker' }],
  ['我老公家暴我', 'group', '家暴', 3, { code: 'abuse_victim', subject: 'speaker' }],
  ['我被家暴了', 'group', '被家暴', 1, { code: 'abuse_victim', subject: 'speaker' }],
  ['申请司法救助', 'group', '司法救助', 2, { code: 'judicial_aid', subject: 'unknown' }],
  ['优抚对象', 'group', '优抚对象', 0, { code: 'special_care', subject: 'unknown' }],
  ['再审改判无罪', 'group', '再审改判无罪', 0, { code: 'retrial_acquitted', subject: 'unknown' }],
];

test.each(POSITIVE)('%s → %s %s', (message, type, span, start, value) => {
  expect(message.slice(start, start + span.length)).toBe(span); // the table itself is consistent
  expect(ofType(message, type)).toEqual([{ type, start, end: start + span.length, value }]);
});

// [message, type that must NOT be found]
const NEGATIVE: Array<[string, EntityType]> = [
  ['劳动合同法第三条', 'money'],
  ['劳动法第四十四条', 'date'],
  ['劳动法第四十四条', 'money'],
  ['2023年', 'money'],
  ['2023年', 'duration'],
  ['电话13812345678', 'money'],
  ['打0763-3380148', 'money'],
  ['打12348', 'money'],
  ['清溪镇的法律援助', 'county'],
  ['空气清新', 'county'],
  ['清新的空气', 'county'],
  ['英德两国', 'county'],
  ['向阳山', 'county'],
  ['三万人', 'money'],
  ['两块地', 'money'],
  ['我们一块去', 'money'],
  ['三月份', 'duration'],
  ['我的小孩', 'group'],
  ['我儿子', 'group'],
  ['失业保险怎么领', 'group'],
  ['前几天', 'duration'],
  ['千万不要', 'money'],
  ['三年级', 'duration'],
  ['房租一个月3000', 'monthly_income'],
  ['我的儿媳妇', 'relationship'],
  ['有一天他打我', 'duration'],
  ['他比我大十岁', 'age'],
  ['他比我大十岁', 'group'],
];

test.each(NEGATIVE)('%s has no %s', (message, type) => {
  if (message === '我的儿媳妇') {
    // 儿媳妇 is a daughter-in-law, never the wife 媳妇.
    expect(ofType(message, type).map((e) => e.value)).not.toContainEqual(expect.objectContaining({ canonical: '配偶' }));
    return;
  }
  expect(ofType(message, type)).toEqual([]);
});

describe('policies', () => {
  test('a monthly income is not also reported as money', () => {
    const types = extractEntities('家庭月收入6000元，欠我两万', lookups).map((e) => e.type);
    expect(types).toEqual(['monthly_income', 'money']);
  });

  test('a household size keeps the relationship inside it', () => {
    expect(extractEntities('和老伴两个人', lookups).map((e) => e.type)).toEqual(['household_size', 'relationship']);
  });

  test('results are sorted by start and offsets index the normalised text', () => {
    const text = normalise('我今年７０歲，住在英德，老闆欠我３萬元');
    const entities = extractEntities(text, lookups);
    const starts = entities.map((e) => e.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities.map((e) => [e.type, e.text])).toEqual([
      ['age', '今年70岁'], ['group', '今年70岁'], ['county', '英德'], ['relationship', '老板'], ['money', '3万元'],
    ]);
  });

  test('the default lookups are used and cached', () => {
    expect(loadEntityLookups()).toBe(lookups);
    expect(extractEntities('我在连州').map((e) => e.type)).toEqual(['county']);
    expect(extractEntities('')).toEqual([]);
  });
});

describe('loadEntityLookups', () => {
  const real = 'intents/lexicon/entities';
  function copyTo(dir: string): void {
    for (const f of ['counties.yaml', 'relationships.yaml', 'groups.yaml']) {
      writeFileSync(join(dir, f), readFileSync(join(real, f), 'utf8'));
    }
  }

  test('an unknown group code names the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entities-'));
    copyTo(dir);
    writeFileSync(join(dir, 'groups.yaml'), 'groups:\n  - code: pensioner\n    terms: [退休]\n');
    expect(() => loadEntityLookups(dir)).toThrow(/groups\.yaml: groups\.0\.code/);
  });

  test('a term listed under two relations is rejected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entities-'));
    copyTo(dir);
    writeFileSync(join(dir, 'relationships.yaml'),
      'relationships:\n  - canonical: 配偶\n    terms: [老公]\n  - canonical: 朋友\n    terms: [老公]\n');
    expect(() => loadEntityLookups(dir)).toThrow(/relationships\.yaml: relationships\.1\.terms\.0/);
  });

  test('custom lookups change what is found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entities-'));
    copyTo(dir);
    writeFileSync(join(dir, 'counties.yaml'), 'counties:\n  - name: 测试县\n    aliases: [测试]\n');
    const custom = loadEntityLookups(dir);
    expect(extractEntities('我在测试', custom).map((e) => e.value)).toEqual([{ name: '测试县' }]);
    expect(extractEntities('我在英德市', custom)).toEqual([]);
  });
});
