/**
 * @module understanding/entities/household-size
 * Finds household sizes: 家里4口人, 一家三口, 我们家五个人, 和老伴两个人, 家庭人口3人.
 */
import { NUMBER_SRC, parseNumber } from '../../text/chinese-numerals.js';
import { makeEntity, type Entity } from './types.js';

const HOME = '(?:一家|全家|我们家|我家|家里|家中|家庭|屋企)(?:人)?';
const FILLER = '(?:一共|总共|共|就|只有|有|是|的)*';
// Family words for "我和老伴两个人": the count then includes the speaker.
const KIN = '(?:老伴|老公|老婆|丈夫|妻子|爱人|媳妇|孩子|小孩|儿子|女儿|妈妈|爸爸|母亲|父亲|爸妈|父母|奶奶|爷爷|外婆|外公|孙子|孙女)';

const PATTERNS: Array<[RegExp, string]> = [
  [new RegExp(`${HOME}${FILLER}(${NUMBER_SRC})口人?`, 'g'), 'household.kou'],
  [new RegExp(`${HOME}${FILLER}(${NUMBER_SRC})个人(?![的信财])`, 'g'), 'household.ge'],
  [new RegExp(`家庭人口${FILLER}(${NUMBER_SRC})(?:口人|个人|口|人)`, 'g'), 'household.population'],
  [new RegExp(`我?(?:和|跟|与)${KIN}(?:一共|总共|就|只有)?(${NUMBER_SRC}|俩)个?人(?![的信财])`, 'g'), 'household.with'],
];

/** Finds household_size entities in normalised text. */
export function extractHouseholdSizes(text: string): Entity[] {
  const out: Entity[] = [];
  for (const [re, extractor] of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const numText = m[1] ?? '';
      const persons = numText === '俩' ? 2 : parseNumber(numText)?.value;
      if (persons === undefined || !Number.isInteger(persons) || persons < 1 || persons > 30) continue;
      if (/[几多]/.test(numText)) continue; // 一家好几口 gives no usable count
      out.push(makeEntity('household_size', text, m.index, m.index + m[0].length, { persons }, extractor));
    }
  }
  return out;
}
