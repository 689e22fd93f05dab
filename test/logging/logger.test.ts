import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from '../../src/logging/logger.js';

function capture(level: LogLevel) {
  const lines: string[] = [];
  const log = createLogger(level, (l) => lines.push(l));
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON line per entry with time, level, message and fields', () => {
    const { log, lines, entries } = capture('debug');
    log.info('index built', { docs: 12, ms: 30 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(lines[0]!.trimEnd()).not.toContain('\n');
    const [entry] = entries();
    expect(entry).toMatchObject({ level: 'info', msg: 'index built', docs: 12, ms: 30 });
    expect(new Date(entry!.time as string).toString()).not.toBe('Invalid Date');
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ] as Array<[LogLevel, string[]]>)('at level %s writes only %j', (level, expected) => {
    const { log, entries } = capture(level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(entries().map((e) => e.level)).toEqual(expected);
  });

  it('masks personal data in the message and in nested fields', () => {
    const { log, lines } = capture('info');
    log.info('question from 13812345678', { text: '我叫张三，身份证441802199001011234', nested: { list: ['电话13912345678'] } });
    const line = lines[0]!;
    expect(line).not.toContain('13812345678');
    expect(line).not.toContain('13912345678');
    expect(line).not.toContain('441802199001011234');
    expect(line).not.toContain('张三');
    expect(line).toContain('138****5678');
  });

  it('logs errors with their stack, masked', () => {
    const { log, entries } = capture('error');
    log.error('request failed', { error: new Error('bad phone 13812345678') });
    const error = entries()[0]!.error as string;
    expect(error).toContain('Error: bad phone 138****5678');
    expect(error).toContain('logger.test.ts');
  });

  it('keeps numbers, booleans and null as they are', () => {
    const { log, entries } = capture('info');
    log.info('m', { n: 3, ok: true, none: null });
    expect(entries()[0]).toMatchObject({ n: 3, ok: true, none: null });
  });
});
