import { describe, expect, it } from 'vitest';
import { findRepeals, repealedTitles } from '../../src/knowledge/repeal-clauses.js';
import type { LawFile } from '../../src/knowledge/schemas/law.js';

function law(title: string, effectiveFrom: string, last: string, kind: LawFile['kind'] = 'law'): LawFile {
  return {
    title, fullTitle: title, category: 'x', kind, versionDate: effectiveFrom, effectiveFrom, effectiveBasis: 'stated', status: 'current',
    source: 'x', history: [], articles: [{ number: 1, label: '第一条', chapter: null, section: null, text: last }],
  };
}

describe('repeal clauses', () => {
  it('reads the whole instruments a sentence repeals, not a single named article', () => {
    expect(repealedTitles('本法自2004年1月1日起施行，《中华人民共和国居民身份证条例》同时废止。').map((t) => t.title)).toEqual(['中华人民共和国居民身份证条例']);
    expect(repealedTitles('《中华人民共和国某法》第三条同时废止。')).toEqual([]);
    expect(repealedTitles('与本法不一致的，以本法为准。')).toEqual([]);
    expect(repealedTitles('本解释施行后，最高人民法院、最高人民检察院《关于办理某某刑事案件的解释》同时废止。')).toEqual([
      { title: '关于办理某某刑事案件的解释', issuer: '最高人民法院、最高人民检察院' },
    ]);
  });

  it('marks an older instrument named by a repealer in force, and the interpretations of a repealed statute', () => {
    const code = law('民法典', '2021-01-01', '本法自2021年1月1日起施行。《中华人民共和国婚姻法》、《中华人民共和国合同法》同时废止。');
    const marriage = law('婚姻法', '2001-04-28', '本法自公布之日起施行。');
    const interpretation = law('最高人民法院关于适用《中华人民共和国婚姻法》若干问题的解释（一）', '2001-12-27', '本解释自公布之日起施行。', 'judicial_interpretation');
    const later = law('某某法', '2030-01-01', '本法自2030年1月1日起施行。');
    const found = findRepeals([code, marriage, interpretation, later]);
    expect(found.get(marriage)?.by).toBe('民法典第一条');
    expect(found.get(interpretation)?.by).toBe('民法典第一条');
    expect(found.has(later)).toBe(false);
    expect(found.has(code)).toBe(false);
  });
});
