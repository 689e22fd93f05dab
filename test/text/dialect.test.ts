import { describe, expect, it } from 'vitest';
import { createDialectRewriter, escapeRegExp } from '../../src/text/dialect.js';
import { loadLexicon } from '../../src/text/lexicon.js';
import { PATHS } from '../../src/config/paths.js';

describe('createDialectRewriter', () => {
  it('applies the longest matching phrase first, whatever the listing order', () => {
    const rewrite = createDialectRewriter([
      { from: '人工', to: '人力' },
      { from: '唔俾人工', to: '不给工资' },
    ]);
    expect(rewrite('老细唔俾人工')).toBe('老细不给工资');
    expect(rewrite('转人工')).toBe('转人力');
  });

  it('rewrites in a single pass: a replacement is not rewritten again', () => {
    const rewrite = createDialectRewriter([
      { from: '甲', to: '乙' },
      { from: '乙', to: '丙' },
    ]);
    expect(rewrite('甲乙')).toBe('乙丙');
  });

  it('treats regular-expression characters in phrases literally', () => {
    const rewrite = createDialectRewriter([{ from: 'a.b', to: 'X' }]);
    expect(rewrite('a.b axb')).toBe('X axb');
    expect(escapeRegExp('a.b*(c)')).toBe('a\\.b\\*\\(c\\)');
  });

  it('is the identity without rewrites', () => {
    expect(createDialectRewriter([])('唔俾人工')).toBe('唔俾人工');
  });

  it('the real dialect file rewrites Cantonese wage phrases to standard Mandarin', () => {
    const rewrite = createDialectRewriter(loadLexicon(PATHS.lexicon).dialect);
    expect(rewrite('老细唔俾人工')).toBe('老板不给工资');
    expect(rewrite('拖人工')).toBe('拖欠工资');
  });
});
