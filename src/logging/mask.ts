/**
 * @module logging/mask
 * Masks personal data before anything reaches a log: mainland mobile and landline numbers, ID card numbers,
 * e-mail addresses, and names given after 我叫/姓名.
 */
const PATTERNS: Array<[RegExp, (m: string) => string]> = [
  [/\b\d{17}[\dxX]\b|\b\d{15}\b/g, (m) => `${m.slice(0, 3)}***********${m.slice(-2)}`],
  [/(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g, (m) => m.replace(/\D/g, '').replace(/\d{4}(?=\d{4}$)/, '****')],
  [/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, (m) => `${m.slice(0, 4)}****${m.slice(-2)}`],
  [/[\w.+-]+@[\w-]+\.[\w.]+/g, (m) => `${m[0]}***@***`],
  [/(我叫|姓名[:：]?|名字是|本人)([\u4e00-\u9fff]{2,4})/g, (m) => m.replace(/(我叫|姓名[:：]?|名字是|本人)([\u4e00-\u9fff])[\u4e00-\u9fff]{1,3}$/, '$1$2**')],
];

/** Returns `text` with personal data masked. */
export function maskPersonalData(text: string): string {
  let out = text;
  for (const [re, fn] of PATTERNS) out = out.replace(re, fn);
  return out;
}
