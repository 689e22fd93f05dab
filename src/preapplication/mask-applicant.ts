/**
 * @module preapplication/mask-applicant
 * How a citizen's name and phone are shown outside the staff API: 张** and 138****1234.
 */

/** First character of the name, then two stars. */
export function maskName(name: string): string {
  const first = [...name.trim()][0] ?? '';
  return `${first}**`;
}

/** First three and last four digits of a mobile number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
