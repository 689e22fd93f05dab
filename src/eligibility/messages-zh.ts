/**
 * @module eligibility/messages-zh
 * Chinese wording for every eligibility reason, next-step and material code. Templates use {name} placeholders;
 * a parameter value of the form "@code" is itself looked up here (e.g. "@group.minor" → "未成年人").
 * Statute content is paraphrased; Guangdong facts come from /work/shared/facts, rewritten.
 */
import type { Params } from './trace.js';
import type { Decision, MeansTestOutcome } from './schema.js';

const HARDSHIP_RULE =
  '广东的认定标准是：申请前6个月，申请人和共同生活的家庭成员月人均可支配收入，低于清远市上一年度城镇居民人均可支配收入' +
  '除以12所得数额（下称“月平均数”）的50%；或者因突发事件、意外事故、重大疾病、家庭成员在国内全日制中等以上学校就读，' +
  '月人均消费支出超过月人均可支配收入，且月人均可支配收入低于月平均数；同时家庭没有价值较大的资产。';

/** Code → template. */
export const messagesZh: Record<string, string> = {
  // Scope
  'scope.art31':
    '您的事项属于法律援助法第三十一条第{item}项（{label}）列明的事项：当事人因经济困难没有委托代理人的，可以申请法律援助。',
  'scope.art29':
    '刑事案件的被害人及其法定代理人或近亲属、自诉人、附带民事诉讼的原告人，因经济困难没有委托诉讼代理人的，可以申请法律援助（法律援助法第二十九条）。',
  'scope.art24':
    '犯罪嫌疑人、被告人因经济困难或其他原因没有委托辩护人的，本人或近亲属可以申请法律援助（法律援助法第二十四条）。',
  'scope.other_civil':
    '该事项不在法律援助法第三十一条列明的八类事项之中。广东省的法规、规章可能规定了更宽的范围，能否受理由法律援助机构审查决定。',
  'scope.art32_matter':
    '法律援助法第三十二条列出的情形本身就可以申请法律援助，即使不在第三十一条的八类事项之中。',
  'art31.1': '依法请求国家赔偿',
  'art31.2': '请求给予社会保险待遇或者社会救助',
  'art31.3': '请求发给抚恤金',
  'art31.4': '请求给付赡养费、抚养费、扶养费',
  'art31.5': '请求确认劳动关系或者支付劳动报酬',
  'art31.6': '请求认定公民无民事行为能力或者限制民事行为能力',
  'art31.7': '请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿',
  'art31.8': '请求环境污染、生态破坏损害赔偿',

  // Criminal defence
  'criminal.has_defender':
    '当事人已经委托了辩护人，法律援助机构不再指派辩护律师。如果以后解除了委托、没有辩护人，可以再申请。',
  'criminal.ground.minor': '犯罪嫌疑人、被告人是未成年人（未满十八周岁）。',
  'criminal.ground.sensory': '犯罪嫌疑人、被告人是视力、听力或言语残疾人。',
  'criminal.ground.mental': '犯罪嫌疑人、被告人是不能完全辨认自己行为的成年人。',
  'criminal.ground.life_or_death':
    '犯罪嫌疑人、被告人可能被判处无期徒刑或死刑；法律援助机构应当指派有三年以上相关执业经历的律师（第二十六条）。',
  'criminal.ground.death_review':
    '死刑复核案件的被告人申请法律援助的，应当指派律师，且律师须有三年以上相关执业经历（第二十五条、第二十六条）；需要由被告人提出申请。',
  'criminal.ground.in_absentia': '被告人是缺席审判案件的被告人。',
  'criminal.ground.compulsory_medical':
    '这是强制医疗案件：被申请人或被告人没有委托诉讼代理人的，人民法院应当通知法律援助机构指派律师（第二十八条）。',
  'criminal.mandatory':
    '属于办案机关应当通知法律援助机构指派律师的情形（法律援助法第二十五条第一款、第二十八条），不审查经济困难状况。',
  'criminal.notify_deadline':
    '办案机关发现上述情形后应当在三日内通知法律援助机构，法律援助机构收到通知后应当在三日内指派律师并告知办案机关（第三十六条）。迟迟没有律师的，可以向办案机关询问或拨打12348反映。',
  'criminal.no_mandatory_ground':
    '未发现必须由办案机关通知指派律师的法定情形，需要按第二十四条提出申请，并审查经济困难状况。',
  'criminal.disability_unspecified':
    '如果当事人是视力、听力、言语残疾人，或者是不能完全辨认自己行为的成年人，办案机关应当通知指派律师，请说明残疾类别。',
  'criminal.art25_2':
    '适用普通程序审理的案件，被告人没有委托辩护人的，人民法院也可以通知法律援助机构指派律师（第二十五条第二款）。',
  'criminal.duty_lawyer':
    '没有辩护人的犯罪嫌疑人、被告人可以约见值班律师，获得法律咨询、程序选择建议、申请变更强制措施、对案件处理提出意见等帮助；办案机关应当告知这一权利并提供便利（第三十条、第三十七条）。',
  'criminal.detained':
    '被羁押的，可以由法定代理人或近亲属代为申请；本人向看守所或通过值班律师提出的申请，应当在二十四小时内转交法律援助机构（第三十九条、第四十条）。',

  // Art. 32 — no hardship condition
  'exempt.martyr_relative':
    '按英雄烈士近亲属维护英雄烈士人格权益（如名誉、荣誉）的事项理解：申请法律援助不受经济困难条件限制（法律援助法第三十二条第一项）。',
  'exempt.bravery':
    '按因见义勇为行为主张相关民事权益理解：申请法律援助不受经济困难条件限制（第三十二条第二项）。',
  'exempt.retrial_acquitted': '再审改判无罪后请求国家赔偿，申请法律援助不受经济困难条件限制（第三十二条第三项）。',
  'exempt.abuse_victim':
    '按遭受虐待、遗弃或家庭暴力的受害人主张相关权益理解：申请法律援助不受经济困难条件限制（第三十二条第四项）。',
  'exempt.na.martyr_relative': '第三十二条第一项只适用于维护英雄烈士人格权益的事项，本事项仍按一般条件审查。',
  'exempt.na.bravery': '第三十二条第二项只适用于因见义勇为行为主张的民事权益，本事项仍按一般条件审查。',
  'exempt.na.retrial_acquitted': '第三十二条第三项只适用于再审改判无罪后请求国家赔偿，本事项仍按一般条件审查。',
  'exempt.na.abuse_victim':
    '第三十二条第四项适用于受害人就虐待、遗弃、家庭暴力主张相关权益（如追索赡养费抚养费、离婚、损害赔偿、追究加害人刑事责任），本事项与此没有直接关系，仍按一般条件审查。',
  'exempt.na.criminal_defence': '第三十二条的免除经济困难条件适用于主张权益，不适用于刑事辩护。',

  // Art. 42 — verification waived
  'waiver.vulnerable': '{who}且没有固定生活来源，有材料证明的，免予核查经济困难状况（法律援助法第四十二条第一项）。',
  'waiver.needs_no_stable_income':
    '未成年人、老年人、残疾人在没有固定生活来源时才免予核查经济困难状况；您没有说明这一点，仍按经济困难标准审查。',
  'waiver.social_assistance': '社会救助对象（如低保、特困供养人员）有材料证明的，免予核查经济困难状况（第四十二条第二项）。',
  'waiver.judicial_aid': '司法救助对象有材料证明的，免予核查经济困难状况（第四十二条第二项）。',
  'waiver.special_care': '优抚对象有材料证明的，免予核查经济困难状况（第四十二条第二项）。',
  'waiver.migrant_worker':
    '进城务工人员申请支付劳动报酬或请求工伤事故人身损害赔偿，有材料证明的，免予核查经济困难状况（第四十二条第三项）。',
  'waiver.migrant_work_injury_only':
    '注意：进城务工人员免予核查只适用于工伤事故；如果是交通、食品药品或医疗事故，仍要核查经济困难状况。',
  'waiver.migrant_na': '进城务工人员免予核查只适用于追讨劳动报酬和工伤事故赔偿，本事项仍要核查经济困难状况。',
  'waiver.in_scope_unclear': '免予核查只解决经济状况问题，该事项是否属于援助范围仍由法律援助机构决定。',

  // Means test (粤府令第268号第三条)
  'means.large_assets': '申请人或共同生活的家庭成员有价值较大的资产，不符合广东省经济困难的认定条件（粤府令第268号第三条）。',
  'means.standard_unset':
    `清远市上一年度城镇居民人均可支配收入的数字本系统尚未核实，暂时不能计算。${HARDSHIP_RULE}请拨打12348公共法律服务热线询问当前标准。`,
  'means.standard_override': '按您提供的城镇居民人均可支配收入{perYear}元/年计算：月平均数为{full}元，50%为{half}元。',
  'means.standard_config': '按{year}年清远市城镇居民人均可支配收入{perYear}元/年计算（来源：{source}）：月平均数为{full}元，50%为{half}元。',
  'means.household_missing': `缺少{fields}，不能计算家庭月人均收入，需由法律援助机构审查。${HARDSHIP_RULE}`,
  'means.income_passed': '家庭月人均可支配收入{perCapita}元，低于{half}元（月平均数的50%），符合经济困难条件。',
  'means.income_failed': '家庭月人均可支配收入{perCapita}元，不低于{half}元（月平均数的50%），不符合收入标准。',
  'means.spending_passed':
    '因{reason}，家庭月消费支出超过月收入，且月人均可支配收入{perCapita}元低于月平均数{full}元，符合经济困难条件。',
  'means.spending_not_above': '虽然有{reason}，但家庭月消费支出没有超过月收入，不符合支出标准。',
  'means.spending_income_too_high': '虽然有{reason}，但月人均可支配收入{perCapita}元不低于月平均数{full}元，不符合支出标准。',
  'means.spending_missing':
    '说明了{reason}，但没有提供家庭月消费支出；如果支出超过收入，可能符合经济困难条件，需由法律援助机构审查。',
  'means.spending_no_reason':
    '家庭支出超过收入，但支出标准只适用于突发事件、意外事故、重大疾病或家庭成员全日制就读中等以上学校等原因；如有这些原因，请一并说明。',
  'means.assets_assumed': '以上按家庭没有价值较大的资产计算；如有价值较大的资产（例如符合条件的多套城镇住房），结论可能不同。',
  'means.cause.emergency': '突发事件',
  'means.cause.accident': '意外事故',
  'means.cause.serious_illness': '重大疾病',
  'means.cause.full_time_student': '家庭成员全日制就读中等以上学校',

  'group.minor': '未成年人',
  'group.elderly': '老年人',
  'group.disabled': '残疾人',
  'group.military': '军人军属的法律援助另有专门办法（法律援助法第七十条），可拨打12348了解。',

  // Decision summaries
  'decision.eligible': '初步判断：符合申请法律援助的条件。',
  'decision.not_eligible': '初步判断：不符合法律援助条件。',
  'decision.needs_review': '初步判断：需要由法律援助机构审查后决定。',
  'decision.disclaimer': '以上只是初步判断，以法律援助机构的审查决定为准。',

  // Next steps
  'next.where': '诉讼事项向办案机关（如受理案件的法院）所在地的法律援助机构申请；非诉讼事项向争议处理机关所在地或事由发生地的法律援助机构申请（第三十八条）。',
  'next.decision_7days':
    '法律援助机构应当自收到申请之日起七日内作出决定，决定给予援助的，三日内指派人员；材料不齐的，应当一次性告知需要补充的全部材料，未按要求补充的视为撤回申请（第四十三条）。',
  'next.urgent':
    '如果距离时效或起诉、仲裁、行政复议期限届满不足七日，或者需要立即申请财产保全、证据保全、先予执行，可以请法律援助机构先行提供援助，事后补办手续（第四十四条）。',
  'next.online': '也可以在网上申请：{channels}。',
  'next.honest':
    '申请时要如实说明经济状况，机构可以通过信息共享核查，也可以由申请人作个人诚信承诺；以欺骗手段获得援助的，要支付已实施援助的费用，并可被处三千元以下罚款（第四十一条、第六十四条）。',
  'next.fees':
    '获得法律援助后，法院应当根据情况缓收、减收或免收诉讼费；公证机构、司法鉴定机构应当减收或免收公证费、鉴定费（第五十三条）。',
  'next.no_payment': '法律援助人员不得向受援人收取任何财物（第二十条）。',
  'next.objection':
    '对不予援助或终止援助的决定有异议的，可以向设立该法律援助机构的司法局提出，司法局应当在五日内审查决定；仍不服的，可以申请行政复议或提起行政诉讼（第四十九条）。',
  'next.consult': '无论是否符合援助条件，都可以拨打12348公共法律服务热线或到公共法律服务中心咨询（第二十三条）。',
  'next.confirm_12348': '标注“待核实”的联系方式可能已经变化，请先拨打12348核实。',

  // Materials (法律援助条例第十七条)
  'material.form': '法律援助申请表（书面申请确有困难的，可以口头申请，由工作人员记录）',
  'material.id': '身份证或其他有效身份证明；代为申请的，还要提交有代理权的证明',
  'material.hardship': '经济困难的证明；也可以按规定作个人诚信承诺（法律援助法第四十一条），具体以法律援助机构的要求为准',
  'material.case': '与申请事项有关的案件材料（如起诉状、判决书、合同、证据等）',
  'material.proof.vulnerable': '证明未成年人、老年人或残疾人身份（如残疾人证）以及没有固定生活来源的材料',
  'material.proof.social_assistance': '社会救助对象的证明材料',
  'material.proof.judicial_aid': '获得司法救助的证明材料',
  'material.proof.special_care': '优抚对象的证明材料',
  'material.proof.migrant_worker': '进城务工人员身份以及劳动关系或工伤的证明材料',
  'material.proof.martyr_relative': '英雄烈士的相关证明以及与其近亲属关系的证明',
  'material.proof.bravery': '见义勇为行为的相关证明材料',
  'material.proof.retrial_acquitted': '再审改判无罪的裁判文书',
  'material.proof.abuse_victim': '遭受虐待、遗弃或家庭暴力的证据（如报警记录、告诫书、人身安全保护令、病历等）',
  'material.criminal_notified': '这类情形由办案机关通知法律援助机构指派律师，当事人不需要提交经济困难证明；近亲属可以向办案机关询问指派情况',
  'material.death_review_apply': '死刑复核案件需要被告人本人提出法律援助申请',
};

/**
 * Renders a code with its parameters.
 * @throws Error when the code is unknown (a missing message is a bug, not a citizen-facing blank)
 */
/** The short label of each decision, as the staff consoles show it (one wording for both). */
export const DECISION_LABELS: Record<Decision, string> = {
  eligible: '初步符合法律援助条件', not_eligible: '初步不符合法律援助条件', needs_review: '需由法律援助机构审查',
};

/** The means test's outcome, as the staff consoles show it. */
export const MEANS_TEST_LABELS: Record<NonNullable<MeansTestOutcome>, string> = {
  passed: '经济困难审查：符合', failed: '经济困难审查：不符合', exempt: '免予经济困难审查',
  verification_waived: '免予核查经济困难状况', unknown: '经济困难状况：信息不足，暂无法判断',
};

export function zh(code: string, params: Params = {}): string {
  const template = messagesZh[code];
  if (template === undefined) throw new Error(`no Chinese message for code "${code}"`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const raw = params[name];
    if (raw === undefined) throw new Error(`message "${code}" needs parameter "${name}"`);
    return String(raw).replace(/@([a-z_.0-9]+)/g, (__, key: string) => zh(key));
  });
}
