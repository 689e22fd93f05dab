import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/text/normalise.js';

describe('normalise', () => {
  it('turns full-width letters, digits and punctuation into their canonical forms', () => {
    expect(normalise('ＡＢＣ１２３，你好！')).toBe('abc123，你好！');
  });

  it('converts traditional characters (Taiwan and Hong Kong forms) to simplified', () => {
    expect(normalise('離婚後小孩撫養費怎麼算')).toBe('离婚后小孩抚养费怎么算');
    expect(normalise('公司拖欠工資')).toBe('公司拖欠工资');
  });

  it('keeps traditional text when simplify is off', () => {
    expect(normalise('工資', { simplify: false })).toBe('工資');
  });

  it('unifies ASCII punctuation to full-width and collapses repeated marks', () => {
    expect(normalise('你好?!')).toBe('你好？！');
    expect(normalise('怎么办???')).toBe('怎么办？');
    expect(normalise('怎么算？？？')).toBe('怎么算？');
  });

  it('collapses runs of three or more identical characters', () => {
    expect(normalise('救命啊啊啊啊')).toBe('救命啊');
    // Two in a row is ordinary Chinese (常常, 谢谢) and stays.
    expect(normalise('谢谢')).toBe('谢谢');
  });

  it('never collapses digits: amounts and phone numbers keep every digit', () => {
    expect(normalise('欠我30000元')).toBe('欠我30000元');
    expect(normalise('欠我1111元啊啊啊')).toBe('欠我1111元啊');
    expect(normalise('１００００元')).toBe('10000元');
    expect(normalise('电话13800000000')).toBe('电话13800000000');
  });

  it('keeps repeated characters when collapseRepeats is off', () => {
    expect(normalise('啊啊啊', { collapseRepeats: false })).toBe('啊啊啊');
  });

  it('removes spaces between Chinese characters but keeps them between Latin words', () => {
    expect(normalise('  公司 拖欠  工资 ')).toBe('公司拖欠工资');
    expect(normalise('hello   world')).toBe('hello world');
  });

  it('lower-cases Latin text and drops zero-width characters', () => {
    expect(normalise('ABC\u200b律师')).toBe('abc律师');
  });
});
