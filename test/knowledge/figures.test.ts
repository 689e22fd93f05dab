import { describe, expect, it } from 'vitest';
import { extractFigures, unsupportedFigures } from '../../src/knowledge/figures.js';

const read = (t: string) => extractFigures(t).map((f) => `${f.unit}:${f.value}`);

describe('extractFigures', () => {
  it('reads periods, ages, amounts, multiples, percentages and fractions in both numeral forms', () => {
    expect(read('处五日以上十日以下拘留，并处五百元以上一千元以下罚款')).toEqual(['day:5', 'day:10', 'yuan:500', 'yuan:1000']);
    expect(read('罚款500到1000元，可以拘留5至10日')).toEqual(['yuan:500', 'yuan:1000', 'day:5', 'day:10']);
    expect(read('不满两周岁的子女；3个月内；1年；15个工作日；24小时')).toEqual(['age:2', 'month:3', 'year:1', 'workday:15', 'hour:24']);
    expect(read('双倍工资、二倍、3.5万元、1,000元').sort()).toEqual(['multiple:2', 'multiple:2', 'yuan:1000', 'yuan:35000']);
    expect(read('百分之三十')).toContain('percent:30');
    expect(read('三分之一')).toContain(`fraction:${1 / 3}`);
  });

  it('leaves dates, ordinals and counts alone, and treats phone-shaped numbers as contact numbers', () => {
    expect(read('自2026年3月1日起施行；2014年8月；上一年度')).toEqual([]);
    expect(read('第一百八十八条、第3款、第二年')).toEqual([]);
    expect(read('全市约170个法律援助工作站，1387个调解委员会')).toEqual([]);
    expect(read('拨打12348或0763-3380148')).toEqual(['number:12348', 'number:763', 'number:3380148']);
  });
});

describe('unsupportedFigures', () => {
  const law = '当事人申请撤销裁决的，应当自收到裁决书之日起三个月内提出。';

  it('accepts a figure the cited provision gives in another numeral form', () => {
    expect(unsupportedFigures('一般要在3个月内提出', [law])).toEqual([]);
  });

  it('names a figure the provision does not give (the old six months)', () => {
    expect(unsupportedFigures('要在6个月内提出', [law]).map((f) => f.raw)).toEqual(['6个月']);
  });

  it('accepts declared figures and known numbers, and a share written as a percentage or a fraction', () => {
    expect(unsupportedFigures('拨打12348', [law], ['12348'])).toEqual([]);
    expect(unsupportedFigures('赔偿50%', ['承担二分之一的责任'])).toEqual([]);
  });
});
