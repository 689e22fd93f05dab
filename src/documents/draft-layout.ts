/**
 * @module documents/draft-layout
 * Lays a draft out once, as a list of typed blocks, for both renderers (DOCX and PDF): title, the parties with
 * the fields the kind uses, each section, the receiving body (此致 …), signature, date and appendix — the order
 * courts' and arbitration commissions' model texts follow. Anything missing is written as a visible blank (＿＿＿),
 * so the citizen sees what is left to fill in by hand.
 */
import type { DocumentKindSpec, SectionSpec } from './document-kinds.js';
import type { DraftFields, DraftSpec } from './draft-request.js';
import type { ReceivingBody } from './receiving-body.js';

/** The visible blank for anything not yet known. */
export const BLANK = '＿＿＿';

export type BlockKind = 'title' | 'party' | 'heading' | 'paragraph' | 'item' | 'declaration' | 'closing' | 'receiver' | 'signature' | 'date' | 'appendix';
export interface Block { kind: BlockKind; text: string }
export interface DraftLayout { title: string; blocks: Block[] }

const orBlank = (value: string | undefined) => (value?.trim() ? value.trim() : BLANK);

type PartyFields = ReadonlyArray<{ key?: string; label: string }>;

function partyLine(role: string, name: string | undefined, fields: PartyFields, values: Record<string, string | undefined>): string {
  const parts = [`${role}：${orBlank(name)}`, ...fields.map((f) => `${f.label}：${orBlank(f.key ? values[f.key] : undefined)}`)];
  return `${parts.join('，')}。`;
}

function sectionBlocks(section: SectionSpec, fields: DraftFields): Block[] {
  const heading: Block = { kind: 'heading', text: `${section.heading}：` };
  if (section.from === 'facts') {
    const paragraphs = fields.facts.split(/\n+/).map((p) => p.trim()).filter(Boolean);
    return [heading, ...(paragraphs.length ? paragraphs : [BLANK]).map((text): Block => ({ kind: 'paragraph', text }))];
  }
  const lines = section.from === 'none' ? [] : fields[section.from];
  const items = lines.length ? lines : [BLANK];
  return [heading, ...items.map((text, i): Block => ({ kind: section.numbered ? 'item' : 'paragraph', text: section.numbered ? `${i + 1}. ${text}` : text }))];
}

/** The respondent's fields: the variant's when it names them, else the kind's. */
function respondentFields(spec: DocumentKindSpec, variant?: string): PartyFields {
  return spec.variants.find((v) => v.id === variant)?.respondentFields ?? spec.respondent.fields;
}

/**
 * @example layoutDraft(kinds.get('labour_arbitration_application')!, { kind, fields }, receivingBody(spec, region))
 */
export function layoutDraft(spec: DocumentKindSpec, draft: DraftSpec, receiver: ReceivingBody): DraftLayout {
  const { fields } = draft;
  const blocks: Block[] = [
    { kind: 'title', text: spec.title },
    { kind: 'party', text: partyLine(spec.applicant.role, fields.applicant.name, spec.applicant.fields, fields.applicant) },
    { kind: 'party', text: partyLine(spec.respondent.role, fields.respondent.name, respondentFields(spec, draft.variant), fields.respondent) },
    ...spec.sections.flatMap((s) => sectionBlocks(s, fields)),
  ];
  if (spec.declaration) blocks.push({ kind: 'declaration', text: spec.declaration });
  blocks.push(
    { kind: 'closing', text: '此致' },
    { kind: 'receiver', text: receiver.name },
    { kind: 'signature', text: `${spec.signature}：${BLANK}` },
    { kind: 'date', text: '＿＿＿＿年＿＿月＿＿日' },
  );
  spec.appendix.forEach((a, i) => blocks.push({ kind: 'appendix', text: `${i === 0 ? '附：' : '　　'}${i + 1}. ${a}` }));
  return { title: spec.title, blocks };
}
