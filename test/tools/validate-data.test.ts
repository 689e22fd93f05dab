import { describe, expect, it } from 'vitest';
import { validateData } from '../../src/tools/validate-data.js';

describe('npm run validate:data', () => {
  it('finds no problem in the repository data (cross-checked citations, offices, topics, intents)', () => {
    expect(validateData()).toEqual([]);
  });
});
