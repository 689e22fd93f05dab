import { describe, expect, it } from 'vitest';
import { parseCsv, parseRosterCsv, RosterCsvError } from '../../src/handoff/roster-csv.js';
import { region } from './handoff-harness.js';

const HEADER = 'username,name,licence,firm,topics,counties,languages,capacity,shifts';

describe('roster CSV', () => {
  it('reads lists, resolves county names to ids and parses quoted shifts', () => {
    const csv = `${HEADER}\nchen,陈律师,14418201810000001,"清远某某律师事务所, 分所",劳动纠纷|婚姻家庭,英德|清城区,mandarin|cantonese,3,"mon-fri 09:00-17:00; 2025-10-01 off"\n`;
    const [l] = parseRosterCsv(csv, region);
    expect(l).toMatchObject({ username: 'chen', firm: '清远某某律师事务所, 分所', topics: ['劳动纠纷', '婚姻家庭'], counties: ['yingde', 'qingcheng'], languages: ['mandarin', 'cantonese'], capacity: 3 });
    expect(l!.schedule.weekly[0]!.days).toEqual([1, 2, 3, 4, 5]);
    expect(l!.schedule.dated).toEqual([{ date: '2025-10-01', off: true }]);
  });

  it('names the line and the field of every bad row, and imports nothing', () => {
    const csv = [
      HEADER,
      'ok,好律师,14418201810000001,所,*,*,mandarin,2,mon 09:00-12:00',
      'bad1,坏律师,14418201810000002,所,劳动,*,mandarin,2,mon 09:00-12:00',
      'bad2,坏律师,14418201810000003,所,*,火星县,mandarin,0,mon 9-12',
      'ok,重复,14418201810000004,所,*,*,mandarin,2,mon 09:00-12:00',
      'short,row',
    ].join('\n');
    let error: RosterCsvError | undefined;
    try { parseRosterCsv(csv, region, 'duty.csv'); } catch (e) { error = e as RosterCsvError; }
    expect(error).toBeInstanceOf(RosterCsvError);
    const text = error!.problems.join('\n');
    expect(error!.message).toMatch(/^duty\.csv: /);
    expect(text).toMatch(/line 3: topics\.0: /);
    expect(text).toMatch(/line 4: capacity: /);
    expect(text).toMatch(/line 4: counties: "火星县"/);
    expect(text).toMatch(/line 4: shifts: /);
    expect(text).toMatch(/line 5: username "ok" already on line 2/);
    expect(text).toMatch(/line 6: expected 9 fields, found 2/);
  });

  it('refuses a header with missing or unknown columns', () => {
    expect(() => parseRosterCsv('username,name,phone\n', region)).toThrow(/line 1: header misses licence.*unknown columns phone/);
  });

  it('keeps line numbers right across quoted newlines and a BOM', () => {
    const records = parseCsv('\uFEFFa,b\n"x\ny",z\n\nc,d\n');
    expect(records).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['x\ny', 'z'] }, { line: 5, fields: ['c', 'd'] }]);
  });
});
