/**
 * Where to look when a row missed or could not be decided: the server side of its scenario (the
 * statements that took the time, the pool), the health of the generator that loaded its steps,
 * and the query plans a before-after step stored. Plain data; each renderer links it its own way.
 */
import type { RunResult, ServerSample } from '../result/run-result.schema.js';
import type { GeneratorHealth } from '../result/load-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { formatNumber } from './format.js';
import { poolWords, statementFigures, stepStatementClue } from './server-figures.js';

/** What the result holds about one row's scenario and steps. */
export interface RowEvidence {
  readonly scenario: string;
  /** The scenario's server sample, when the result holds one. */
  readonly server?: ServerSample;
  /** The steps that measured the row and loaded the service, each with its generator's health and its top statement in words ('' where it kept none). */
  readonly generators: readonly {
    readonly step: string;
    readonly health: GeneratorHealth;
    readonly statements: string;
  }[];
  /** The steps that measured the row and stored their query plans. */
  readonly plans: readonly string[];
}

/** The rows a reader will ask "why" of. */
export const explainedVerdicts: ReadonlySet<TargetEvaluation['verdict']> = new Set(['fail', 'inconclusive']);

/** The evidence the result holds for one row (a paired row's step names both sides: 'a → b'). */
export function rowEvidence(result: RunResult, row: TargetEvaluation): RowEvidence {
  const scenario = result.scenarios.find((candidate) => candidate.name === row.scenario);
  const labels = new Set(row.step.split(' → '));
  const steps = (scenario?.steps ?? []).filter((step) => labels.has(step.label));
  return {
    scenario: row.scenario,
    ...(scenario?.server && { server: scenario.server }),
    generators: steps.flatMap((step) =>
      step.load ? [{ step: step.label, health: step.load.generator, statements: stepStatementClue(step) }] : [],
    ),
    plans: steps
      .filter((step) => step.plans?.baseline !== undefined || step.plans?.optimized !== undefined)
      .map((step) => step.label),
  };
}

/** Whether the result holds anything to point to. */
export function hasEvidence(evidence: RowEvidence): boolean {
  return evidence.server !== undefined || evidence.generators.length > 0 || evidence.plans.length > 0;
}

/** The server side in a few words: its top statement's share of statement time, and the pool. */
export function serverClue(server: ServerSample): string {
  const top = statementFigures(server)[0];
  const statement =
    top === undefined
      ? ''
      : `top statement ${top.share === undefined ? `${formatNumber(top.totalMs)} ms` : `${formatNumber(top.share * 100)}% of statement time`}, `;
  return `${statement}pool ${poolWords(server)}`;
}

/** A generator's health in a few words: 'CPU 45% mean, 82% max' and, when it limited the load, that it did. */
export function generatorClue(health: GeneratorHealth): string {
  return `CPU ${formatNumber(health.cpuPercentMean)}% mean, ${formatNumber(health.cpuPercentMax)}% max${health.bottleneck ? ', THE BOTTLENECK' : ''}`;
}

/** A step in a few words: its top statement's share of the step's statement time, then its generator's health. */
export function stepClue(step: RowEvidence['generators'][number]): string {
  return [step.statements, `generator ${generatorClue(step.health)}`].filter((part) => part !== '').join(', ');
}
