/**
 * @module calculators/calculation-result
 * The shape every calculator answers with: the figures, the working in Chinese, the articles that carry the
 * rule, what was assumed and what is missing. A small builder keeps the four lists in step.
 */

/** One provision: the statute's own title (no 中华人民共和国 prefix), the article and, when it matters, the paragraph (款). */
export interface Basis { law: string; article: number; paragraph?: number }

export interface CalculationResult<K extends string = string> {
  kind: K;
  result: Record<string, unknown>;
  steps: string[];
  basis: Basis[];
  assumptions: string[];
  /** Inputs or local figures the calculation needed and did not have, each in a sentence naming it. */
  missing: string[];
}

/** Collects steps, basis, assumptions and missing items while a calculator works. */
export class Working {
  readonly steps: string[] = [];
  readonly basis: Basis[] = [];
  readonly assumptions: string[] = [];
  readonly missing: string[] = [];

  step(text: string): this {
    this.steps.push(text);
    return this;
  }

  cite(law: string, article: number, paragraph?: number): this {
    if (!this.basis.some((b) => b.law === law && b.article === article && b.paragraph === paragraph)) {
      this.basis.push(paragraph === undefined ? { law, article } : { law, article, paragraph });
    }
    return this;
  }

  assume(text: string): this {
    if (!this.assumptions.includes(text)) this.assumptions.push(text);
    return this;
  }

  lack(text: string): this {
    if (!this.missing.includes(text)) this.missing.push(text);
    return this;
  }

  done<K extends string>(kind: K, result: Record<string, unknown>): CalculationResult<K> {
    return { kind, result, steps: this.steps, basis: this.basis, assumptions: this.assumptions, missing: this.missing };
  }
}
