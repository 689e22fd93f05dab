/**
 * @module documents/render-pdf
 * Writes a laid-out draft as a PDF with pdfkit and an embedded, subset Chinese font (documents/cjk-font.ts), so it
 * prints the same everywhere: A4, title centred, section headings, body paragraphs indented two characters,
 * receiving body and signature in their places. Text is real text (with a ToUnicode map), so it can be searched
 * and copied.
 */
import PDFDocument from 'pdfkit';
import type { BlockKind, DraftLayout } from './draft-layout.js';
import { cjkFont } from './cjk-font.js';

const BODY_SIZE = 14;
const TITLE_SIZE = 20;

interface Style { size?: number; align?: 'left' | 'center' | 'right'; indent?: boolean; before?: number }

const STYLES: Record<BlockKind, Style> = {
  title: { size: TITLE_SIZE, align: 'center' },
  party: { indent: true, before: 4 },
  heading: { before: 10 },
  paragraph: { indent: true },
  item: { indent: true },
  declaration: { indent: true, before: 10 },
  closing: { indent: true, before: 16 },
  receiver: {},
  signature: { align: 'right', before: 24 },
  date: { align: 'right', before: 6 },
  appendix: { before: 10 },
};

/** The draft as a PDF file. */
export function renderPdf(layout: DraftLayout): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 72 }, info: { Title: layout.title, Creator: 'lawline' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', cjkFont());
    doc.font('cjk');
    layout.blocks.forEach((block, i) => {
      const style = STYLES[block.kind];
      const size = style.size ?? BODY_SIZE;
      // A run of blocks of one kind (the appendix lines) keeps the gap before its first only.
      if (style.before && layout.blocks[i - 1]?.kind !== block.kind) doc.moveDown(style.before / size);
      doc.fontSize(size).text(block.text, {
        align: style.align ?? 'justify',
        indent: style.indent ? size * 2 : 0,
        lineGap: 4,
        paragraphGap: block.kind === 'title' ? 14 : 2,
      });
    });
    doc.end();
  });
}
