/**
 * @module bot/format-reply
 * Text-only rendering of the parts of an answer that a rich client would show as cards, so every channel
 * (WeChat included) can show them.
 */
export function formatCitations(citations: Array<{ law: string; article: number }>): string {
  if (!citations.length) return '';
  return `【引用法条】${citations.map((c) => `《${c.law}》第${c.article}条`).join('；')}`;
}
