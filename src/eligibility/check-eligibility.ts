/**
 * @module eligibility/check-eligibility
 * The one entry point of the legal-aid eligibility engine: validate the request, walk the statutory rules
 * (scope → mandatory defence → Art. 32 exemption → Art. 42 waiver → Guangdong means test), and render the result
 * with its legal basis, Chinese reasons, next steps, materials and where to apply. Pure: no I/O.
 */
import { findCounty, type County, type Region } from '../config/region.js';
import { chineseNumber, citation, ELDERLY_RIGHTS_LAW, legalAidLaw, MINORS_PROTECTION_LAW } from './laws.js';
import { listMaterials, type Route } from './materials.js';
import { runMeansTest, type HardshipFigure } from './means-test.js';
import { zh } from './messages-zh.js';
import { art32Exemption, art42Waiver, effectiveGroups, mandatoryDefence } from './rules.js';
import {
  EligibilityInputError,
  parseEligibilityInput,
  type Decision,
  type EligibilityInput,
  type EligibilityResult,
  type Group,
  type MeansTestOutcome,
} from './schema.js';
import { matterScope } from './scope.js';
import { Trace } from './trace.js';
import { buildWhereToApply, onlineChannelsText } from './where-to-apply.js';

export { EligibilityInputError, eligibilityInputSchema } from './schema.js';
export type { EligibilityInput, EligibilityResult } from './schema.js';

interface Outcome {
  decision: Decision;
  meansTest: MeansTestOutcome;
  route: Route;
}

function resolveCounty(name: string | undefined, region: Region): County | null {
  if (name === undefined || name === region.city.name || name === region.city.short) return null;
  const county = findCounty(region, name);
  if (county) return county;
  const names = region.counties.map((c) => c.name).join('、');
  throw new EligibilityInputError(`county: unknown county-level unit "${name}" in ${region.city.name}; expected one of ${names}`, [
    { path: 'county', message: `unknown county-level unit "${name}"` },
  ]);
}

function hardshipFigure(req: EligibilityInput, region: Region): HardshipFigure {
  if (req.standard) return { perYear: req.standard.cityUrbanIncomePerYear, origin: 'request' };
  const s = region.hardshipStandard;
  return { perYear: s.cityUrbanIncomePerYear, origin: 'config', year: s.year, source: s.source };
}

/** Art. 42 waiver, else the means test. `inScope` false (other_civil) caps a positive answer at needs_review. */
function meansRoute(req: EligibilityInput, groups: Set<Group>, inScope: boolean, region: Region, trace: Trace): Outcome {
  if (art42Waiver(req.matter, groups, trace)) {
    if (!inScope) trace.reason('waiver.in_scope_unclear');
    return { decision: inScope ? 'eligible' : 'needs_review', meansTest: 'verification_waived', route: 'waived' };
  }
  const status = runMeansTest(req.household, hardshipFigure(req, region), trace);
  const decision: Decision = status === 'failed' ? 'not_eligible' : status === 'passed' && inScope ? 'eligible' : 'needs_review';
  return { decision, meansTest: status, route: 'means' };
}

function defenceRoute(req: EligibilityInput, groups: Set<Group>, region: Region, trace: Trace): Outcome {
  if (req.criminal?.hasDefender) {
    trace.reason('criminal.has_defender', [legalAidLaw(24), legalAidLaw(25)]);
    return { decision: 'not_eligible', meansTest: null, route: 'has_defender' };
  }
  trace.step('criminal.duty_lawyer', [legalAidLaw(30), legalAidLaw(37)]);
  if (mandatoryDefence(req, groups, trace)) {
    trace.reason('criminal.mandatory').step('criminal.notify_deadline', [legalAidLaw(36)]);
    return { decision: 'eligible', meansTest: 'exempt', route: 'criminal_notified' };
  }
  trace.reason('criminal.no_mandatory_ground', [legalAidLaw(24)]);
  art32Exemption(req.matter, groups, trace); // records why Art. 32 groups do not help a defendant
  trace.step('criminal.art25_2', [legalAidLaw(25)]).step('criminal.detained', [legalAidLaw(39), legalAidLaw(40)]);
  return meansRoute(req, groups, true, region, trace);
}

function claimRoute(req: EligibilityInput, groups: Set<Group>, region: Region, trace: Trace): Outcome {
  const inScope = matterScope(req.matter).kind === 'listed';
  if (art32Exemption(req.matter, groups, trace)) {
    if (!inScope) trace.reason('scope.art32_matter', [legalAidLaw(32)]);
    return { decision: 'eligible', meansTest: 'exempt', route: 'exempt' };
  }
  return meansRoute(req, groups, inScope, region, trace);
}

function addNextSteps(req: EligibilityInput, outcome: Outcome, channels: string, trace: Trace): void {
  const { route, decision } = outcome;
  if (decision !== 'eligible') trace.step('next.consult', [legalAidLaw(23)]);
  if (route === 'has_defender') return;
  if (route === 'criminal_notified') {
    trace.step('next.no_payment', [legalAidLaw(20)]);
    return;
  }
  trace.step('next.where', [legalAidLaw(38)]).step('next.online', [], { channels }).step('next.decision_7days', [legalAidLaw(43)]);
  if (req.matter !== 'criminal_defence') trace.step('next.urgent', [legalAidLaw(44)]);
  if (route === 'means') trace.step('next.honest', [legalAidLaw(41), legalAidLaw(64)]);
  trace.step('next.fees', [legalAidLaw(53)]).step('next.no_payment', [legalAidLaw(20)]).step('next.objection', [legalAidLaw(49)]);
}

/**
 * Checks whether an applicant can get legal aid in the region.
 * @param input - raw request (see {@link eligibilityInputSchema}); validated here
 * @param region - the service network from `loadRegion()`
 * @throws EligibilityInputError when the input is invalid; the message names the field path
 * @example checkEligibility({ id: 'x1', matter: 'labour_remuneration', applicant: { groups: ['migrant_worker'] } }, loadRegion())
 */
export function checkEligibility(input: unknown, region: Region): EligibilityResult {
  const req = parseEligibilityInput(input);
  const county = resolveCounty(req.county, region);
  const trace = new Trace();
  const groups = effectiveGroups(req);
  const stated = new Set(req.applicant?.groups ?? []);
  if (groups.has('minor') && !stated.has('minor')) trace.cite([{ law: MINORS_PROTECTION_LAW, article: 2 }]);
  if (groups.has('elderly') && !stated.has('elderly')) trace.cite([{ law: ELDERLY_RIGHTS_LAW, article: 2 }]);

  const scope = matterScope(req.matter);
  const item = scope.item;
  trace.reason(scope.code, scope.refs, item ? { item: chineseNumber(item), label: `@art31.${item}` } : undefined);
  if (groups.has('military')) trace.reason('group.military', [legalAidLaw(70)]);

  const outcome =
    req.matter === 'criminal_defence' ? defenceRoute(req, groups, region, trace) : claimRoute(req, groups, region, trace);
  const whereToApply = buildWhereToApply(region, county);
  addNextSteps(req, outcome, onlineChannelsText(whereToApply), trace);
  if (whereToApply.confirmAdvice && outcome.route !== 'has_defender') trace.step('next.confirm_12348');

  const reasonCodes = [`decision.${outcome.decision}`, ...trace.reasons.map((r) => r.code), 'decision.disclaimer'];
  return {
    id: req.id,
    decision: outcome.decision,
    meansTest: outcome.meansTest,
    basis: trace.refs.map(citation),
    refs: trace.refs,
    codes: [...reasonCodes, ...trace.steps.map((s) => s.code)],
    reasons: [zh(`decision.${outcome.decision}`), ...trace.reasons.map((r) => zh(r.code, r.params)), zh('decision.disclaimer')],
    nextSteps: trace.steps.map((s) => zh(s.code, s.params)),
    whereToApply,
    materials: listMaterials(outcome.route, trace.codes(), req.criminal?.deathPenaltyReview === true),
  };
}
