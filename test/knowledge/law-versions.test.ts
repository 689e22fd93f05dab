import { describe, expect, it } from 'vitest';
import { effectiveDate, resolveStatuses, statedEffectiveDate, statusesAsOf, statusFingerprint, versionId } from '../../src/knowledge/law-versions.js';
import type { LawFile } from '../../src/knowledge/schemas/law.js';

function law(versionDate: string | null, effectiveFrom: string | null, status: LawFile['status'] = 'current'): LawFile {
  return {
    title: '仲裁法', fullTitle: '中华人民共和国仲裁法', category: '诉讼与非诉讼程序法', kind: 'law', versionDate, effectiveFrom,
    effectiveBasis: 'stated', status, source: 'x', history: [], articles: [],
  };
}

describe('effective dates', () => {
  it('reads 施行 from a history line first, else from the closing articles', () => {
    expect(statedEffectiveDate(['2026年5月6日 最高人民法院公布', '2026年6月30日 施行'], [])).toBe('2026-06-30');
    expect(statedEffectiveDate([], ['……', '本法自2026年3月1日起施行。'])).toBe('2026-03-01');
    expect(statedEffectiveDate([], ['本解释自公布之日起施行。'])).toBeNull();
  });

  it('an amended text keeps its original 施行 article, so a date before the version date falls back to the version date', () => {
    expect(effectiveDate('2025-09-12', '2026-03-01')).toEqual({ effectiveFrom: '2026-03-01', effectiveBasis: 'stated' });
    expect(effectiveDate('2012-12-28', '2008-01-01')).toEqual({ effectiveFrom: '2012-12-28', effectiveBasis: 'version-date' });
    expect(effectiveDate(null, '2021-01-01')).toEqual({ effectiveFrom: '2021-01-01', effectiveBasis: 'stated' });
    expect(effectiveDate(null, null)).toEqual({ effectiveFrom: null, effectiveBasis: 'unknown' });
  });
});

describe('which version is law on a given day', () => {
  const old = law('2017-09-01', '2017-09-01');
  const revised = law('2025-09-12', '2026-03-01');

  it('a revision adopted but not yet in force is upcoming, and the old text stays current until its day', () => {
    const before = resolveStatuses([old, revised], '2026-02-28');
    expect(before.map((l) => l.status)).toEqual(['current', 'upcoming']);
    const after = resolveStatuses([old, revised], '2026-03-01');
    expect(after.map((l) => l.status)).toEqual(['superseded', 'current']);
  });

  it('a new law with no earlier version is upcoming until its day', () => {
    expect(resolveStatuses([law('2026-04-30', '2026-07-01')], '2026-06-01')[0]!.status).toBe('upcoming');
  });

  it('the loader re-reads only titles the date has overtaken, and the fingerprint says what changed', () => {
    const imported = resolveStatuses([old, revised], '2026-02-01');
    expect(statusesAsOf(imported, '2026-02-01')).toBe(imported);
    expect(statusFingerprint(imported, '2026-02-01')).toBe('');
    expect(statusesAsOf(imported, '2026-03-02').map((l) => l.status)).toEqual(['superseded', 'current']);
    expect(statusFingerprint(imported, '2026-03-02')).toContain('仲裁法@2025-09-12:current');
  });

  it('a repealed instrument stays repealed and never makes its older versions current again', () => {
    const repealed = { ...law('2001-04-28', '2001-04-28', 'repealed'), title: '婚姻法' };
    const older = { ...law('1980-09-10', '1981-01-01', 'superseded'), title: '婚姻法' };
    expect(resolveStatuses([older, repealed], '2026-12-04').map((l) => l.status)).toEqual(['superseded', 'repealed']);
  });

  it('names a version by its version date, or its effective date when the file has none', () => {
    expect(versionId(law('2025-09-12', '2026-03-01'))).toBe('2025-09-12');
    expect(versionId(law(null, '2021-01-01'))).toBe('2021-01-01');
    expect(versionId(law(null, null))).toBe('undated');
  });
});
