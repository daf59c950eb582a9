/** Counts requests by outcome (ok, expected rejection, error by class) into a result's figures. */
import type { ErrorClass, RequestOutcome } from '../../model/request-outcome.js';
import type { RequestOutcomes } from '../result/load-result.schema.js';

/** Running counts of outcomes. */
export class OutcomeCounter {
  private okCount = 0;
  private rejections = 0;
  private readonly errors = new Map<ErrorClass, number>();

  /** Counts one outcome. */
  add(outcome: RequestOutcome): void {
    if (outcome.kind === 'ok') this.okCount += 1;
    else if (outcome.kind === 'expected-rejection') this.rejections += 1;
    else this.errors.set(outcome.errorClass, (this.errors.get(outcome.errorClass) ?? 0) + 1);
  }

  /** Adds another counter's counts to this one (totals of a step are the sum of its routes). */
  addAll(other: OutcomeCounter): void {
    this.okCount += other.okCount;
    this.rejections += other.rejections;
    for (const [errorClass, n] of other.errors) this.errors.set(errorClass, (this.errors.get(errorClass) ?? 0) + n);
  }

  /** Adds stored counts (another load generator's, read from its result). */
  addCounts(outcomes: RequestOutcomes): void {
    this.okCount += outcomes.ok;
    this.rejections += outcomes.expectedRejections;
    for (const [errorClass, n] of Object.entries(outcomes.errors)) {
      this.errors.set(errorClass as ErrorClass, (this.errors.get(errorClass as ErrorClass) ?? 0) + n);
    }
  }

  /** The plain-JSON counts. */
  toJSON(): RequestOutcomes {
    const errors = Object.fromEntries(this.errors);
    const errorCount = [...this.errors.values()].reduce((sum, n) => sum + n, 0);
    const total = this.okCount + this.rejections + errorCount;
    return {
      total,
      ok: this.okCount,
      expectedRejections: this.rejections,
      errors,
      errorRate: total === 0 ? 0 : errorCount / total,
    };
  }
}
