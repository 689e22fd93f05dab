/**
 * @module eligibility/materials
 * Application materials (法律援助条例 Art. 17: identity, proof of hardship, case materials; written form or oral
 * application), adapted to the route the rules took: a waived or exempt applicant brings proof of the group
 * instead of proof of hardship; mandatory-defence cases need nothing from the citizen.
 */
import { zh } from './messages-zh.js';

/** Which path the decision took. */
export type Route = 'has_defender' | 'criminal_notified' | 'exempt' | 'waived' | 'means';

const PROOF_BY_CODE: Record<string, string> = {
  'exempt.martyr_relative': 'material.proof.martyr_relative',
  'exempt.bravery': 'material.proof.bravery',
  'exempt.retrial_acquitted': 'material.proof.retrial_acquitted',
  'exempt.abuse_victim': 'material.proof.abuse_victim',
  'waiver.vulnerable': 'material.proof.vulnerable',
  'waiver.social_assistance': 'material.proof.social_assistance',
  'waiver.judicial_aid': 'material.proof.judicial_aid',
  'waiver.special_care': 'material.proof.special_care',
  'waiver.migrant_worker': 'material.proof.migrant_worker',
};

/**
 * Materials to prepare, in Chinese.
 * @param codes - reason codes recorded by the rules (used to pick the group proofs)
 * @param deathPenaltyReview - whether the defendant is in death-penalty review (must apply personally)
 */
export function listMaterials(route: Route, codes: string[], deathPenaltyReview = false): string[] {
  if (route === 'has_defender') return [];
  if (route === 'criminal_notified') {
    const out = [zh('material.criminal_notified')];
    if (deathPenaltyReview) out.push(zh('material.death_review_apply'), zh('material.id'));
    return out;
  }
  const out = [zh('material.form'), zh('material.id')];
  if (route === 'means') {
    out.push(zh('material.hardship'));
  } else {
    const prefix = route === 'exempt' ? 'exempt.' : 'waiver.';
    for (const code of codes) {
      const proof = PROOF_BY_CODE[code];
      if (proof && code.startsWith(prefix)) out.push(zh(proof));
    }
  }
  out.push(zh('material.case'));
  return out;
}
