import { describe, expect, it } from 'vitest';
import { chineseToInt, intToChinese } from '../../src/text/chinese-numerals.js';
import {
  categoryOf,
  kindOf,
  matchArticleStart,
  parseStatute,
  shortTitle,
  versionDateFromName,
} from '../../src/knowledge/statute-parser.js';

describe('chineseToInt', () => {
  it.each([
    ['一', 1], ['十', 10], ['十五', 15], ['二十一', 21], ['一百', 100], ['一百零五', 105], ['一百一十', 110],
    ['一百二十八', 128], ['三百', 300], ['一千零一', 1001], ['一千二百六十', 1260], ['两千', 2000], ['1217', 1217],
  ])('%s → %i', (text, value) => {
    expect(chineseToInt(text)).toBe(value);
  });

  it('ignores the stray space of the source glitch', () => {
    expect(chineseToInt('一百二十八 ')).toBe(128);
  });

  it('rejects anything that is not a numeral', () => {
    expect(() => chineseToInt('第一')).toThrow(/not a Chinese numeral/);
    expect(() => chineseToInt('')).toThrow();
  });

  it('round-trips with intToChinese for 1…1300', () => {
    for (let n = 1; n <= 1300; n += 1) expect(chineseToInt(intToChinese(n))).toBe(n);
    expect(intToChinese(105)).toBe('一百零五');
    expect(intToChinese(10)).toBe('十');
    expect(intToChinese(1260)).toBe('一千二百六十');
  });
});

const FIXTURE = `# 中华人民共和国示例法

2007年6月29日 通过《关于修改第三十一条的决定》

第三十一条的决定》第一次修正

<!-- INFO END -->

## 第一章 总则

第一条 为了示例，制定本法。

第二条 本法适用于下列情形：

（一）第一种情形；

（二）第二种情形。

前款规定以外的情形，依照第一条执行。

## 第二章 分则

### 第一节 一般规定

第三条 第一款。

第三条规定的事项，另有规定的除外。

第一百二十八 条侦查人员应当进行勘验。

第一百二十八条之一 新增的条文。

### 第二节 特别
规定

第一百二十九条　全角空格后的条文。

## 附件

表一 示例表
`;

describe('parseStatute', () => {
  const parsed = parseStatute(FIXTURE);

  it('reads the title and ignores article-like text in the header', () => {
    expect(parsed.fullTitle).toBe('中华人民共和国示例法');
    expect(shortTitle(parsed.fullTitle)).toBe('示例法');
    expect(parsed.articles.map((a) => a.label)).toEqual([
      '第一条', '第二条', '第三条', '第一百二十八条', '第一百二十八条之一', '第一百二十九条',
    ]);
  });

  it('keeps items and later paragraphs in the article, joined with newlines', () => {
    expect(parsed.articles[1]!.text).toBe(
      '本法适用于下列情形：\n（一）第一种情形；\n（二）第二种情形。\n前款规定以外的情形，依照第一条执行。',
    );
  });

  it('does not start an article at a paragraph that merely begins with a reference', () => {
    expect(parsed.articles[2]!.text).toBe('第一款。\n第三条规定的事项，另有规定的除外。');
  });

  it('parses the stray-space glitch and 之一 articles', () => {
    const glitch = parsed.articles[3]!;
    expect(glitch).toMatchObject({ number: 128, label: '第一百二十八条', text: '侦查人员应当进行勘验。' });
    expect(parsed.articles[4]).toMatchObject({ number: 128, label: '第一百二十八条之一', text: '新增的条文。' });
    expect(parsed.articles[5]).toMatchObject({ number: 129, text: '全角空格后的条文。' });
  });

  it('tracks chapters and sections, including a heading wrapped onto two lines', () => {
    expect(parsed.articles[0]).toMatchObject({ chapter: '第一章 总则', section: null });
    expect(parsed.articles[2]).toMatchObject({ chapter: '第二章 分则', section: '第一节 一般规定' });
    expect(parsed.articles[5]).toMatchObject({ chapter: '第二章 分则', section: '第二节 特别规定' });
  });

  it('keeps text under an article-less heading as appendix, not in the last article', () => {
    expect(parsed.appendix).toBe('附件\n表一 示例表');
    expect(parsed.articles[5]!.text).not.toContain('表一');
    expect(parsed.preamble).toBe('');
  });

  it('prefixes 编 and seeds the part of a code file', () => {
    const md = '# 中华人民共和国民法典\n\n# 合同编\n\n<!-- INFO END -->\n\n## 第一分编  通则\n\n### 第一章  一般规定\n\n第四百六十三条 本编调整因合同产生的民事关系。\n';
    const civil = parseStatute(md, { part: '合同编' });
    expect(civil.subTitles).toEqual(['合同编']);
    expect(civil.articles[0]).toMatchObject({ number: 463, chapter: '合同编 第一分编 通则 第一章 一般规定' });
  });

  it('keeps a 序言 as preamble and the whole text of a file without articles', () => {
    const constitution = parseStatute('# 宪法\n<!-- INFO END -->\n## 序言\n\n中国是历史悠久的国家。\n\n## 第一章 总纲\n\n第一条 条文。\n');
    expect(constitution.preamble).toBe('序言\n中国是历史悠久的国家。\n第一章 总纲');
    const decision = parseStatute('# 刑法修正案\n<!-- INFO END -->\n\n一、将刑法第一百六十二条修改为：……\n\n二、本修正案自公布之日起施行。\n');
    expect(decision.articles).toEqual([]);
    expect(decision.preamble).toBe('一、将刑法第一百六十二条修改为：……\n二、本修正案自公布之日起施行。');
  });
});

describe('path helpers', () => {
  it('derives version date, category and kind from the path', () => {
    expect(versionDateFromName('社会法/劳动合同法(2012-12-28).md')).toBe('2012-12-28');
    expect(versionDateFromName('刑法/刑法.md')).toBeNull();
    expect(categoryOf('DLC/广东地方法规/地方性法规/广东/x.md')).toBe('DLC/广东地方法规');
    expect(categoryOf('部门规章/公安部/x.md')).toBe('部门规章');
    expect(kindOf('DLC/广东地方法规')).toBe('local_regulation');
    expect(kindOf('司法解释')).toBe('judicial_interpretation');
    expect(kindOf('宪法')).toBe('constitution');
    expect(kindOf('社会法')).toBe('law');
    expect(matchArticleStart('第三十一条的决定')).toBeNull();
  });
});
