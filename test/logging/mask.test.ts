import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/logging/mask.js';

describe('maskPersonalData', () => {
  it.each([
    ['我的电话是13812345678', '我的电话是138****5678'],
    ['电话138 1234 5678', '电话138****5678'],
    ['电话138-1234-5678', '电话138****5678'],
    ['+86 138 1234 5678', '86138****5678'],
    ['+8613812345678', '86138****5678'],
  ])('masks the middle of mobile numbers however they are written: %s', (input, masked) => {
    expect(maskPersonalData(input)).toBe(masked);
  });

  it('masks 18- and 15-digit ID numbers, including a trailing X', () => {
    expect(maskPersonalData('身份证号441802199001011234')).toBe('身份证号441***********34');
    expect(maskPersonalData('身份证44180219900101123X')).toBe('身份证441***********3X');
    expect(maskPersonalData('旧证号441802900101123')).toBe('旧证号441***********23');
  });

  it('masks landlines and e-mail addresses', () => {
    expect(maskPersonalData('座机0763-3380148')).toBe('座机0763****48');
    expect(maskPersonalData('邮箱 li.ming@qq.com')).toBe('邮箱 l***@***');
  });

  it.each([
    ['我叫张三，住清城区', '我叫张**，住清城区'],
    ['我叫欧阳娜娜', '我叫欧**'],
    ['本人李四', '本人李**'],
    ['姓名：王五', '姓名：王**'],
  ])('keeps only the surname of a name given after 我叫/姓名/本人: %s', (input, masked) => {
    expect(maskPersonalData(input)).toBe(masked);
  });

  it('leaves no digit sequence of a phone or ID in a mixed message', () => {
    const out = maskPersonalData('我叫李明，电话13812345678，身份证441802199001011234');
    expect(out).not.toContain('李明');
    expect(out).not.toContain('1234567');
    expect(out).not.toContain('19900101');
  });

  it('leaves amounts, dates and article numbers alone', () => {
    for (const text of ['欠我30000元', '2023年12月31日入职', '民法典第1084条', '工作了12年']) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });
});
