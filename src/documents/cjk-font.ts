/**
 * @module documents/cjk-font
 * The Chinese font embedded in PDF drafts: Noto Sans SC Regular (SIL Open Font License 1.1) as shipped in the npm
 * package @expo-google-fonts/noto-sans-sc, so `npm ci` brings it on any machine with no system font. It is a
 * TrueType font (glyf outlines), which pdfkit subsets: a PDF carries only the glyphs it uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the font file inside the installed package. */
export const CJK_FONT_FILE = join(dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular', 'NotoSansSC_400Regular.ttf');

let font: Buffer | undefined;
/** The font's bytes, read once (about 10 MB; only the glyphs a draft uses reach the PDF). */
export function cjkFont(): Buffer {
  font ??= readFileSync(CJK_FONT_FILE);
  return font;
}
