/**
 * @module eligibility/trace
 * Collects what the rules found (reason codes, next-step codes and the articles behind them) in order, so the
 * result can be rendered in Chinese by messages-zh.ts and every claim carries its legal basis.
 */
import type { LawRef } from './schema.js';

/** Parameters substituted into a message template. */
export type Params = Record<string, string | number>;

/** One finding: a message code, its parameters and the articles it rests on. */
export interface Finding {
  code: string;
  params?: Params;
}

/** Ordered, de-duplicated collector of findings and law references. */
export class Trace {
  readonly reasons: Finding[] = [];
  readonly steps: Finding[] = [];
  readonly refs: LawRef[] = [];

  /** Records a reason (why the decision is what it is). */
  reason(code: string, refs: LawRef[] = [], params?: Params): this {
    this.reasons.push(params ? { code, params } : { code });
    return this.cite(refs);
  }

  /** Records a next step (what the citizen can do). */
  step(code: string, refs: LawRef[] = [], params?: Params): this {
    if (!this.steps.some((s) => s.code === code)) this.steps.push(params ? { code, params } : { code });
    return this.cite(refs);
  }

  /** Adds law references, keeping first-seen order. */
  cite(refs: LawRef[]): this {
    for (const r of refs) {
      if (!this.refs.some((x) => x.law === r.law && x.article === r.article)) this.refs.push(r);
    }
    return this;
  }

  /** Every code recorded, reasons first. */
  codes(): string[] {
    return [...this.reasons, ...this.steps].map((f) => f.code);
  }
}
