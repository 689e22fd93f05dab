/**
 * @module handoff/callback-phone
 * Finds a phone number for a callback request: a mainland mobile (11 digits, 1[3-9]…, spaces, dashes or +86
 * allowed) or a landline with its area code (0763-1234567).
 */
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d(?:[- ]?\d{4}){2})(?!\d)/;
const LANDLINE = /(?<!\d)(0\d{2,3})[- ]?(\d{7,8})(?!\d)/;

/**
 * The first phone number in `text`, normalised (digits, landlines as area-number), or null.
 * @example parsePhone('我的电话 138 0000 1234') // '13800001234'
 */
export function parsePhone(text: string): string | null {
  const normal = text.normalize('NFKC');
  const mobile = MOBILE.exec(normal);
  if (mobile) return mobile[1]!.replace(/\D/g, '');
  const landline = LANDLINE.exec(normal);
  return landline ? `${landline[1]}-${landline[2]}` : null;
}
