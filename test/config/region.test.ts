import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { findCounty, loadRegion, RegionConfigError, type ContactField } from '../../src/config/region.js';

const region = loadRegion();
const dir = mkdtempSync(join(tmpdir(), 'region-test-'));
function writeRegion(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : stringify(data));
  return file;
}
const clone = () => structuredClone(region) as unknown as Record<string, any>;

afterEach(() => {
  delete process.env.LAWLINE_REGION_FILE;
});

describe('shipped Qingyuan config', () => {
  test('city and the 8 county-level units with official names, short forms and kinds', () => {
    expect(region.city.name).toBe('清远市');
    expect(region.counties.map((c) => [c.name, c.short, c.kind])).toEqual([
      ['清城区', '清城', 'district'],
      ['清新区', '清新', 'district'],
      ['英德市', '英德', 'county_level_city'],
      ['连州市', '连州', 'county_level_city'],
      ['佛冈县', '佛冈', 'county'],
      ['阳山县', '阳山', 'county'],
      ['连山壮族瑶族自治县', '连山', 'autonomous_county'],
      ['连南瑶族自治县', '连南', 'autonomous_county'],
    ]);
  });

  test('every county has a PLS centre, a legal-aid institution and a justice bureau entry', () => {
    for (const c of region.counties) {
      for (const kind of ['pls_centre', 'legal_aid', 'justice_bureau']) {
        expect(region.offices.some((o) => o.county === c.id && o.kind === kind), `${c.name} ${kind}`).toBe(true);
      }
    }
  });

  test('no office value without a source: every non-null office contact value cites where it came from', () => {
    for (const o of region.offices) {
      const fields = [o.address, o.phone, o.hours, o.postalAddress, o.website].filter((f): f is ContactField => !!f);
      for (const f of fields) if (f.value !== null) expect(f.source, `${o.id}: ${f.value}`).toBeDefined();
    }
  });

  test('no office contact detail is marked confirmed (all are old, secondary or missing)', () => {
    const confirmed = region.offices.flatMap((o) => [o.address, o.phone, o.hours].filter((f) => f.confirmed).map(() => o.id));
    expect(confirmed).toEqual([]);
  });

  test('hardship standard ships unset (Qingyuan figure not in the facts)', () => {
    expect(region.hardshipStandard).toEqual({ year: null, cityUrbanIncomePerYear: null, source: null });
  });

  test('national lines and online channels are present', () => {
    const lines = Object.fromEntries(region.hotlines.map((h) => [h.id, h.number.confirmed]));
    expect(lines).toMatchObject({ '12348': true, '110': true, '120': true });
    // Published national lines with no source in ../shared/facts stay unconfirmed.
    expect(lines).toMatchObject({ '12338': false, '12355': false });
    expect(region.online.map((o) => o.name)).toEqual(expect.arrayContaining(['广东法律服务网', '粤省事微信小程序', '清远智慧司法微信小程序']));
    expect(region.officeHours.value).toBeNull();
    expect(region.officeHours.confirmed).toBe(false);
  });

  test.each([
    ['英德', '英德市'],
    ['连山壮族瑶族自治县', '连山壮族瑶族自治县'],
    ['liannan', '连南瑶族自治县'],
  ])('findCounty(%s) → %s', (q, name) => {
    expect(findCounty(region, q)?.name).toBe(name);
  });

  test('findCounty rejects places outside Qingyuan', () => {
    expect(findCounty(region, '清溪')).toBeUndefined();
  });
});

describe('loadRegion errors name file and field', () => {
  test.each([
    ['confirmed without a value', (d: any) => (d.offices[0].phone = { value: null, confirmed: true }), 'offices[0].phone: confirmed is true but value is null'],
    ['bad county kind', (d: any) => (d.counties[2].kind = 'city'), 'counties[2].kind'],
    ['office pointing at an unknown county', (d: any) => (d.offices[5].county = 'guangzhou'), 'unknown county id "guangzhou"'],
    ['figure without year and source', (d: any) => (d.hardshipStandard.cityUrbanIncomePerYear = 40000), 'hardshipStandard.cityUrbanIncomePerYear'],
    ['missing 12348', (d: any) => (d.hotlines = d.hotlines.filter((h: any) => h.id !== '12348')), 'hotlines: the 12348 hotline is required'],
    ['unknown key', (d: any) => (d.extra = 1), 'Unrecognized key'],
  ])('%s', (name, mutate, expected) => {
    const data = clone();
    mutate(data);
    const file = writeRegion(`${name.replace(/\s/g, '-')}.yaml`, data);
    expect(() => loadRegion(file)).toThrowError(RegionConfigError);
    expect(() => loadRegion(file)).toThrowError(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test('invalid YAML and a missing file name the file', () => {
    const bad = writeRegion('bad.yaml', 'city: [unclosed');
    expect(() => loadRegion(bad)).toThrowError(`${bad}: invalid YAML`);
    expect(() => loadRegion(join(dir, 'none.yaml'))).toThrowError(`${join(dir, 'none.yaml')}: cannot read file`);
  });
});

describe('LAWLINE_REGION_FILE override', () => {
  test('env path is used when no argument is given', () => {
    const data = clone();
    data.hardshipStandard = { year: 2099, cityUrbanIncomePerYear: 12345, source: 'https://example.invalid/x' };
    process.env.LAWLINE_REGION_FILE = writeRegion('override.yaml', data);
    expect(loadRegion().hardshipStandard.cityUrbanIncomePerYear).toBe(12345);
  });

  test('explicit argument beats the env path', () => {
    process.env.LAWLINE_REGION_FILE = join(dir, 'does-not-exist.yaml');
    expect(() => loadRegion()).toThrowError(/does-not-exist\.yaml/);
    expect(loadRegion(writeRegion('explicit.yaml', clone())).city.name).toBe('清远市');
  });
});
