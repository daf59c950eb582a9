/**
 * A scenario's server side as every report prints it: the statements that took the database's
 * time, with their share of it, and one line of the pool, caches, buffers, event loop and memory.
 */
import type { ScenarioResult, ServerSample, StepResult } from '../result/run-result.schema.js';
import { formatBytes, formatNumber } from './format.js';

/** One top statement as the reports print it. */
export interface StatementFigures {
  readonly query: string;
  readonly calls: number;
  readonly meanMs: number;
  readonly totalMs: number;
  /** Of every statement's time during the scenario, 0..1; absent when the result does not hold that total. */
  readonly share?: number;
}

type StatementSample = ServerSample['pgStatStatementsTop'][number];

/** Statements by total time, each with its share of `total` (every statement's time in the span). */
function byTotalTime(statements: readonly StatementSample[], total: number | undefined): StatementFigures[] {
  return [...statements]
    .sort((a, b) => b.totalMs - a.totalMs)
    .map((statement) => ({
      query: statement.query,
      calls: statement.calls,
      meanMs: statement.meanMs,
      totalMs: statement.totalMs,
      ...(total !== undefined && total > 0 && { share: statement.totalMs / total }),
    }));
}

/** The top statements by total time, each with its share of the scenario's statement time. */
export function statementFigures(server: ServerSample): StatementFigures[] {
  return byTotalTime(server.pgStatStatementsTop, server.statementsTotalMs);
}

/** A step's top statements, each with its share of the step's statement time (none where the step kept none). */
export function stepStatementFigures(step: StepResult): StatementFigures[] {
  return step.statements ? byTotalTime(step.statements.top, step.statements.totalMs) : [];
}

/** A step's top statement in a few words: 'top statement 63% of 120 ms of statement time'; '' where it kept none. */
export function stepStatementClue(step: StepResult): string {
  const top = stepStatementFigures(step)[0];
  if (top === undefined || !step.statements) return '';
  return `top statement ${top.share === undefined ? `${formatNumber(top.totalMs)} ms` : `${formatNumber(top.share * 100)}%`} of ${formatNumber(step.statements.totalMs)} ms of statement time`;
}

const percent = (ratio: number): string => `${formatNumber(ratio * 100)}%`;

/** The pool's peaks: '20 in use, 14 waiting at most' (in use absent from results before it was kept). */
export function poolWords(server: ServerSample): string {
  const { poolInUse, poolWaiting } = server.serviceMetrics;
  return `${poolInUse === undefined ? '' : `${formatNumber(poolInUse)} in use, `}${formatNumber(poolWaiting)} waiting at most`;
}

/**
 * The facts beside the statements, each a label and its value: pool, buffer hits, caches, the
 * service's event loop and the peak memory of PostgreSQL and of the service.
 */
export function serverFacts(server: ServerSample): [string, string][] {
  const caches = Object.entries(server.serviceMetrics.cacheHitRatio).sort(([a], [b]) => a.localeCompare(b));
  const lookups = server.serviceMetrics.cacheLookups;
  const { postgresMemoryBytes, postgresRssBytes, serviceRssBytes } = server.memory;
  // PSS counts PostgreSQL's shared buffers once; a result without it has the plain RSS sum.
  const postgres =
    postgresMemoryBytes === undefined
      ? postgresRssBytes === undefined
        ? undefined
        : `PostgreSQL ${formatBytes(postgresRssBytes)} RSS`
      : `PostgreSQL ${formatBytes(postgresMemoryBytes)}`;
  return [
    ['Connection pool', poolWords(server)],
    ['Buffer hit ratio', percent(server.bufferHitRatio)],
    [
      'Cache hit ratio',
      caches.length === 0
        ? 'no lookups'
        : caches
            .map(([name, ratio]) => {
              const counts = lookups[name];
              return `${name} ${percent(ratio)}${counts ? ` of ${counts.hits + counts.misses} lookups` : ''}`;
            })
            .join(', '),
    ],
    ['Event-loop delay p99, worst', `${formatNumber(server.serviceMetrics.eventLoopLagP99Ms)} ms`],
    [
      'Peak memory',
      [
        ...(postgres === undefined ? [] : [postgres]),
        ...(serviceRssBytes === undefined ? [] : [`service ${formatBytes(serviceRssBytes)}`]),
      ].join(', ') || 'not sampled',
    ],
  ];
}

/** The scenarios that carry a server sample, with it. */
export function sampledScenarios(
  scenarios: readonly ScenarioResult[],
): { scenario: ScenarioResult; server: ServerSample }[] {
  return scenarios.flatMap((scenario) => (scenario.server ? [{ scenario, server: scenario.server }] : []));
}
