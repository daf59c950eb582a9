/**
 * The statements each step sent, from pg_stat_statements snapshots around its loads, summed over
 * them (a paired step loads several times): what a missed step's row points to, as the scenario's
 * statements cover every step at once.
 */
import type { Queryable } from '../../service/index.js';
import { diffPgStats, snapshotPgStats } from '../measure/pg-stat-sampler.js';
import type { StepResult } from '../result/run-result.schema.js';

type Statements = NonNullable<StepResult['statements']>;
type Sum = { query: string; calls: number; totalMs: number; rows: number };

export class StepStatements {
  readonly #byStep = new Map<string, Map<string, Sum>>();
  readonly #db: Queryable;
  readonly #top: number;

  /** @param top how many statements a step keeps, by total time. @default 5 */
  constructor(db: Queryable, top = 5) {
    this.#db = db;
    this.#top = top;
  }

  /** Runs `load`, adding what the database ran meanwhile to `step`'s statements. A failed snapshot leaves them out, never the load. */
  async around<T>(step: string, load: () => Promise<T>): Promise<T> {
    const before = await snapshotPgStats(this.#db).catch(() => undefined);
    const result = await load();
    const after = before && (await snapshotPgStats(this.#db).catch(() => undefined));
    if (before && after?.statementsAvailable) {
      const sums = this.#byStep.get(step) ?? new Map<string, Sum>();
      this.#byStep.set(step, sums);
      for (const delta of diffPgStats(before, after, Number.POSITIVE_INFINITY).topStatements) {
        const sum = sums.get(delta.query) ?? { query: delta.query, calls: 0, totalMs: 0, rows: 0 };
        sums.set(delta.query, {
          query: sum.query,
          calls: sum.calls + delta.calls,
          totalMs: sum.totalMs + delta.totalMs,
          rows: sum.rows + delta.rows,
        });
      }
    }
    return result;
  }

  /** The step's top statements and their total, or undefined when none was counted. */
  of(step: string): Statements | undefined {
    const sums = [...(this.#byStep.get(step)?.values() ?? [])].filter((sum) => sum.calls > 0);
    if (sums.length === 0) return undefined;
    sums.sort((a, b) => b.totalMs - a.totalMs);
    return {
      totalMs: Math.max(
        0,
        sums.reduce((total, sum) => total + sum.totalMs, 0),
      ),
      top: sums.slice(0, this.#top).map((sum) => ({
        query: sum.query,
        calls: Math.round(sum.calls),
        totalMs: Math.max(0, sum.totalMs),
        meanMs: Math.max(0, sum.totalMs / sum.calls),
        rows: Math.max(0, Math.round(sum.rows)),
      })),
    };
  }
}
