/**
 * @module bot/dialogs/preapplication-dialog
 * After an eligibility check: asks name and mainland mobile, shows them back for confirmation, stores the
 * pre-application and replies with its reference number. Logs carry the reference only, never name or phone.
 */
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { normaliseMobile } from '../../preapplication/preapplication-schema.js';
import { MATTER_CHOICES } from './eligibility-questions.js';
import { answerOptions, type AnswerParser } from './answer-prompt.js';
import type { DialogDeps } from './dialog-deps.js';
import type { EligibilityFacts } from './eligibility-facts.js';
import type { EligibilityResult } from '../../eligibility/schema.js';

export const PREAPPLICATION_DIALOG = 'preapplication';

/** What the eligibility dialog hands over. */
export interface PreapplicationOptions {
  facts: EligibilityFacts;
  result: Pick<EligibilityResult, 'decision' | 'meansTest' | 'codes' | 'reasons'>;
  name?: string;
  phone?: string;
}

const NAME_PREFIX = /^(我叫|我是|姓名[:：]?|名字[:：]?|叫)/;

function parseName(text: string): string | undefined {
  const name = text.normalize('NFKC').trim().replace(NAME_PREFIX, '').trim();
  return /^[\u4e00-\u9fff·]{2,15}$/.test(name) || /^[A-Za-z][A-Za-z .'-]{1,29}$/.test(name) ? name : undefined;
}

function parseConfirm(text: string): 'confirm' | 'edit' | undefined {
  const t = text.normalize('NFKC').trim();
  if (/^(1|确认|确认提交|是|是的|对|对的|好|提交)$/.test(t)) return 'confirm';
  if (/^(2|重新填写|重填|修改|不对)$/.test(t)) return 'edit';
  return undefined;
}

/** Parsers for this dialog's questions. */
export const PREAPPLICATION_PARSERS: Record<string, AnswerParser> = {
  name: parseName,
  phone: (text) => normaliseMobile(text) ?? undefined,
  confirm: parseConfirm,
};

function matterLabel(facts: EligibilityFacts): string {
  return MATTER_CHOICES.find(([m]) => m === facts.matter)?.[1] ?? '其他';
}

/** The waterfall; `promptId` is the shared answer prompt of the parent component. */
export function createPreapplicationDialog(deps: DialogDeps, promptId: string): WaterfallDialog<PreapplicationOptions> {
  const opts = (step: WaterfallStepContext<PreapplicationOptions>) => step.options;
  return new WaterfallDialog<PreapplicationOptions>(PREAPPLICATION_DIALOG, [
    async (step) => step.prompt(promptId, answerOptions('name',
      '好的，我们来填写预申请。请告诉我申请人的姓名（只用于工作人员联系您）：', '请发送申请人的姓名（2个字以上的中文姓名）。')),
    async (step) => {
      opts(step).name = parseName(step.result as string)!;
      return step.prompt(promptId, answerOptions('phone', '请发送联系手机号码（11位）：', '手机号码格式不对，请发送11位手机号码，如 13812345678。'));
    },
    async (step) => {
      const o = opts(step);
      o.phone = normaliseMobile(step.result as string)!;
      const county = o.facts.county ?? '不确定';
      const summary = ['请核对预申请信息：', `姓名：${o.name}`, `手机：${o.phone}`, `所在地：${county}`, `事项：${matterLabel(o.facts)}`,
        '1. 确认提交', '2. 重新填写'].join('\n');
      return step.prompt(promptId, answerOptions('confirm', summary, '请回复1确认提交，或回复2重新填写。'));
    },
    async (step) => {
      const o = opts(step);
      if (parseConfirm(step.result as string) === 'edit') {
        return step.replaceDialog(PREAPPLICATION_DIALOG, { facts: o.facts, result: o.result });
      }
      const { activity } = step.context;
      const record = await deps.preapplications.create({
        name: o.name!, phone: o.phone!, county: o.facts.county ?? null, matter: o.facts.matter ?? 'other_civil',
        summary: o.facts.text.slice(0, 1000) || matterLabel(o.facts),
        eligibility: { decision: o.result.decision, meansTest: o.result.meansTest, codes: o.result.codes, reasons: o.result.reasons },
        conversationId: activity.conversation.id, channelId: activity.channelId,
        ...(activity.from?.id ? { userId: activity.from.id } : {}),
      });
      const data = await deps.conversationData.get(step.context, {});
      data.lastReference = record.reference;
      (await deps.userData.get(step.context, {})).lastReference = record.reference;
      deps.lawline.log.info('pre-application submitted', { reference: record.reference, county: record.county, matter: record.matter });
      await step.context.sendActivity([
        `预申请已提交，编号：${record.reference}`,
        '请记下这个编号。以后发送“查进度”或直接发送编号，就可以查询办理进度。',
        '预申请只是帮您提前准备，不等于正式申请；正式申请以法律援助机构受理为准。',
      ].join('\n'));
      return step.endDialog({ reference: record.reference });
    },
  ]);
}
