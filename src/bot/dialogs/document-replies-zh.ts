/**
 * @module bot/dialogs/document-replies-zh
 * Fixed Chinese wording of the document-draft conversation, and the patterns that read the citizen's replies.
 */
import { BLANK } from '../../documents/draft-layout.js';

/** A request for help writing a document (申请书怎么写, 帮我写仲裁申请, 起诉状模板). */
export const WRITE_REQUEST_PATTERN = /(怎么写|如何写|怎样写|咋写|怎么填|如何填|帮我写|帮忙写|替我写|代写|起草|写一份|写一个|写个|模板|范本|样本|格式)/;
/** Words naming a document in general, when no kind is named (申请书怎么写). */
export const DOCUMENT_WORD_PATTERN = /(申请书|申请表|起诉状|起诉书|诉状|文书)/;
/** Replies that skip an optional question; the draft keeps a blank there. */
export const SKIP_PATTERN = /^(跳过|不知道|不清楚|没有|无|暂无|略|不填|以后再填|先空着)$/;
/** The citizen asks to keep the draft with their legal-aid pre-application. */
export const KEEP_PATTERN = /^(附到预申请|附上|附上去|保存到预申请|附到申请|保存|要附上|需要附上)$/;

export const DOCUMENT_REPLIES = {
  intro: `好的，我来帮您起草一份草稿。只问还缺的几项；不想现在填的回复“跳过”，草稿里会留空（${BLANK}），打印后手写补上。过程中回复“取消”可以退出。`,
  chooseKind: (labels: string[]) => `您要写哪一种？请回复数字：\n${labels.map((l, i) => `${i + 1}. ${l}`).join('\n')}`,
  chooseKindRetry: '请回复上面列出的数字（如 1）选择文书种类。',
  chooseVariant: (labels: string[]) => `是哪一类纠纷？请回复数字：\n${labels.map((l, i) => `${i + 1}. ${l}`).join('\n')}`,
  chooseVariantRetry: '请回复上面列出的数字选择纠纷类型。',
  applicantName: (role: string) => `请告诉我${role}（一般就是您本人）的姓名：`,
  respondentName: (role: string) => `请告诉我${role}的名称：对方是单位的写营业执照上的全称，是个人的写姓名。`,
  nameRetry: '请发送姓名或单位名称（不超过60个字），或回复“跳过”。',
  claims: (examples: string[]) => [
    '您要提出哪些请求？每条请求一行，可以一次发几条。',
    ...(examples.length ? ['例如：', ...examples.map((e) => `· ${e}`)] : []),
    '金额不确定的可以先写“＿＿元”。',
  ].join('\n'),
  claimsRetry: '请发送您的请求，每条一行；或回复“跳过”留空。',
  facts: '请简单说说事情经过：什么时候、在哪里、发生了什么、现在怎样（写清时间、金额）。',
  factsRetry: '请用几句话说说事情经过，或回复“跳过”留空。',
  reuseFacts: (said: string) => `您前面说过：\n“${said}”\n事实与理由部分就先用这段吗？\n1. 就用这段\n2. 我重新说\n请回复数字。`,
  reuseFactsRetry: '请回复1（就用这段）或2（重新说）。',
  evidence: '有哪些证据？每样一行，例如：劳动合同、工资条、银行流水、聊天记录、证人。没有或不清楚可回复“跳过”。',
  cancelled: '好的，已取消起草。如有其他法律问题，可以直接问我，也可以拨打12348公共法律服务热线。',
  ready: (title: string) => `《${title}》草稿已生成：`,
  links: (docx: string, pdf: string, minutes: number) => [
    `Word版（可修改）：${docx}`,
    `PDF版（可直接打印）：${pdf}`,
    `链接${minutes}分钟内有效，草稿不会保存；过期了再来问我，重新生成即可。`,
  ].join('\n'),
  blanks: `空白处（${BLANK}）请打印后手写补全；签名和日期须本人手写。`,
  receiver: (name: string, fromRegion: boolean, confirmed: boolean) => (fromRegion
    ? `受理机构按现有资料写为“${name}”${confirmed ? '' : '（名称未经核实）'}；递交前请拨打12348公共法律服务热线，核实应向哪个机构递交。`
    : `受理机构留了空白（要看您所在的县区和案件情况），递交前请拨打12348公共法律服务热线问清楚应向哪个机构递交。`),
  basis: (refs: string) => `依据：${refs}。`,
  disclaimer: '本草稿只是帮您整理格式，不构成律师意见；事关重大的，建议先咨询律师或12348。',
  keepOffer: (reference: string) => `如需把这份草稿附在您的法律援助预申请（${reference}）里，方便工作人员查看，请回复“附到预申请”。`,
  kept: (reference: string) => `好的，草稿已附在预申请 ${reference} 中，工作人员办理时可以看到。`,
  keepFailed: '下载链接已经过期，草稿没有保存，所以附不上了。需要的话请重新生成草稿。',
} as const;
