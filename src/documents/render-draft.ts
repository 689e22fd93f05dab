/**
 * @module documents/render-draft
 * Produces a draft file from its spec: checks the variant and county, names the receiving body from the region,
 * lays the draft out once and renders it as DOCX or PDF. Nothing is stored here: the caller sends the bytes.
 */
import type { Region } from '../config/region.js';
import { InputError } from '../errors.js';
import { documentKinds, type DocumentKindSpec } from './document-kinds.js';
import { layoutDraft } from './draft-layout.js';
import type { DocumentFormat, DraftSpec } from './draft-request.js';
import { countyName, receivingBody, type ReceivingBody } from './receiving-body.js';
import { renderDocx } from './render-docx.js';
import { renderPdf } from './render-pdf.js';

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface RenderedDraft {
  body: Buffer;
  contentType: string;
  /** e.g. 劳动人事争议仲裁申请书（草稿）.docx */
  filename: string;
  receiver: ReceivingBody;
}

/** The kind's spec, with the variant checked (an InputError naming `variant` when the kind has no such case type). */
export function kindSpec(draft: Pick<DraftSpec, 'kind' | 'variant'>): DocumentKindSpec {
  const spec = documentKinds().get(draft.kind)!;
  if (draft.variant !== undefined && !spec.variants.some((v) => v.id === draft.variant)) {
    const known = spec.variants.map((v) => v.id);
    throw new InputError(`variant: "${draft.variant}" is not a case type of ${draft.kind}${known.length ? ` (expected one of ${known.join(', ')})` : ' (it has none)'}`);
  }
  return spec;
}

export async function renderDraft(draft: DraftSpec, format: DocumentFormat, region: Region): Promise<RenderedDraft> {
  const spec = kindSpec(draft);
  const county = draft.county ? countyName(region, draft.county) : undefined;
  const receiver = receivingBody(spec, region, county);
  const layout = layoutDraft(spec, draft, receiver);
  const body = format === 'docx' ? await renderDocx(layout) : await renderPdf(layout);
  return { body, contentType: CONTENT_TYPES[format], filename: `${spec.title}（草稿）.${format}`, receiver };
}
