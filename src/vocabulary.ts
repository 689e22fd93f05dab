/**
 * @module vocabulary
 * The closed label sets every layer shares: legal topics, service intents, citizen groups.
 */

/** The 20 legal topics, the taxonomy of public Chinese legal-consultation corpora. */
export const TOPIC_LABELS = [
  '婚姻家庭', '劳动纠纷', '交通事故', '债权债务', '刑事辩护', '合同纠纷', '房产纠纷', '侵权', '公司法', '医疗纠纷',
  '拆迁安置', '行政诉讼', '建设工程', '知识产权', '综合咨询', '人身损害', '涉外法律', '海事海商', '消费权益', '抵押担保',
] as const;
export type TopicLabel = (typeof TOPIC_LABELS)[number];

/** The service intents a citizen's message can carry. */
export const SERVICE_INTENTS = [
  'consult', 'legal_aid', 'mediation', 'notary', 'appraisal', 'arbitration', 'find_lawyer', 'institution_lookup',
  'village_adviser', 'legal_education', 'legal_exam', 'progress', 'complaint', 'human', 'greeting', 'thanks',
  'out_of_scope',
] as const;
export type ServiceIntent = (typeof SERVICE_INTENTS)[number];

/** Citizen groups: entity values, eligibility input codes and hand-off priority groups. */
export const CITIZEN_GROUPS = [
  'minor', 'elderly', 'disabled', 'no_stable_income', 'social_assistance', 'judicial_aid', 'special_care',
  'migrant_worker', 'martyr_relative', 'bravery', 'retrial_acquitted', 'abuse_victim', 'military',
] as const;
export type CitizenGroup = (typeof CITIZEN_GROUPS)[number];
