/**
 * @module documents/render-docx
 * Writes a laid-out draft as a Word document with the `docx` library: A4, 宋体 (the font Chinese court and
 * arbitration forms use; Word substitutes a local Chinese font where it is missing), title centred and bold,
 * section headings bold, body paragraphs indented two characters, receiving body and signature in their places.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Block, BlockKind, DraftLayout } from './draft-layout.js';

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** Half-points: 三号 (16 pt) for the body, 二号 (22 pt) for the title. */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;
/** Twentieths of a point: two characters of first-line indent at the body size. */
const INDENT_TWO_CHARS = 640;

interface Style { bold?: boolean; size?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: number; before?: number }

const STYLES: Record<BlockKind, Style> = {
  title: { bold: true, size: TITLE_SIZE, alignment: AlignmentType.CENTER, before: 0 },
  party: { indent: INDENT_TWO_CHARS },
  heading: { bold: true, before: 160 },
  paragraph: { indent: INDENT_TWO_CHARS },
  item: { indent: INDENT_TWO_CHARS },
  declaration: { indent: INDENT_TWO_CHARS, before: 160 },
  closing: { indent: INDENT_TWO_CHARS, before: 240 },
  receiver: {},
  signature: { alignment: AlignmentType.RIGHT, before: 480 },
  date: { alignment: AlignmentType.RIGHT },
  appendix: { before: 160 },
};

function paragraph(block: Block, i: number, blocks: Block[]): Paragraph {
  const style = STYLES[block.kind];
  // A run of blocks of one kind (the appendix lines) keeps the gap before its first only.
  const before = blocks[i - 1]?.kind === block.kind ? 0 : style.before ?? 0;
  return new Paragraph({
    alignment: style.alignment,
    indent: style.indent ? { firstLine: style.indent } : undefined,
    spacing: { before, after: block.kind === 'title' ? 360 : 0, line: 400 },
    children: [new TextRun({ text: block.text, bold: style.bold, size: style.size ?? BODY_SIZE, font: FONT })],
  });
}

/** The draft as a .docx file. */
export async function renderDocx(layout: DraftLayout): Promise<Buffer> {
  const doc = new Document({
    creator: 'lawline',
    title: layout.title,
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } },
      children: layout.blocks.map(paragraph),
    }],
  });
  return Packer.toBuffer(doc);
}
