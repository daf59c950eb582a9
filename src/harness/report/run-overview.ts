/** The facts every renderer opens with: verdict, counts, health. One wording for all formats. */
import type { RunResult } from '../result/run-result.schema.js';
import { specTableIds, type SpecTableId, type TargetEvaluation } from '../result/target-evaluation.schema.js';
import { specTableTitles } from '../targets/spec-targets.js';
import { countVerdicts, formatDuration } from './format.js';

/**
 * '5 failed, 3 inconclusive, 2 warnings, 28 passed, 12 not measured (of 51 figures: 47 from the
 * spec, 4 project goals; 5 repetitions a step)'.
 */
export function countsLine(result: RunResult): string {
  const counts = countVerdicts(result.targets);
  const goals = result.targets.filter((row) => row.kind === 'project-goal').length;
  const of =
    goals === 0
      ? `${result.targets.length} spec figures,`
      : `${result.targets.length} figures: ${result.targets.length - goals} from the spec, ${goals} project goals;`;
  return (
    `${counts.fail} failed, ${counts.inconclusive} inconclusive, ${counts.warn} warnings, ${counts.pass} passed, ${counts['not-measured']} not measured` +
    ` (of ${of} ${result.repetitions} repetitions a step)`
  );
}

/** What the project-goals table says of itself: its rows are no spec figures. */
export const goalsLead =
  'Goals this project sets itself beyond the spec, judged the same way from the repetitions; the spec publishes no such figures.';

/** A row no verdict could be given for, with what would decide it: never hidden, always listed. */
export function undecidedLine(row: TargetEvaluation): string {
  return `${specTableTitles[row.table]}, ${row.label}: ${row.reason ?? 'its interval contains the target'}`;
}

/** 'run <id>, profile quick, started <time> UTC, took 8m 41s, exit code 1'. */
export function runLine(result: RunResult): string {
  const started = result.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  return `run ${result.runId}, profile ${result.profile}, started ${started}, took ${formatDuration(result.startedAt, result.finishedAt)}, exit code ${result.exitCode}`;
}

/** Why a run cannot be trusted, one line each: the generator was the bottleneck, a scenario errored, or nothing ran. */
export function trustProblems(result: RunResult): string[] {
  return [
    ...result.generatorBottleneck.reasons.map(
      (reason) =>
        `The load generator was the bottleneck (its figures describe the generator, not the service): ${reason}`,
    ),
    ...result.scenarios
      .filter((scenario) => scenario.state === 'errored')
      .map((scenario) => `Scenario ${scenario.name} errored${scenario.reason ? `: ${scenario.reason}` : ''}`),
    ...(result.scenarios.length > 0 && result.scenarios.every((scenario) => scenario.state === 'skipped')
      ? ['Nothing was measured: every scenario was skipped (see why below)']
      : []),
    ...(result.interrupted
      ? [
          `Interrupted by ${result.interrupted.signal}; not finished: ${result.interrupted.unfinished.join(', ') || 'nothing'}`,
        ]
      : []),
  ];
}

/** One line per scenario that could not run here, with why: 'Skipped integration-impact: needs a service of its own (...)'. */
export function skippedLines(result: RunResult): string[] {
  return result.scenarios
    .filter((scenario) => scenario.state === 'skipped')
    .map(
      (scenario) =>
        `Skipped ${scenario.name}${scenario.reason ? `: ${scenario.reason}` : ''}; its rows are not measured.`,
    );
}

/** One line on the DOMAIN invariants. */
export function invariantsLine(result: RunResult): string {
  const report = result.invariants;
  if (!report) return 'Invariants: not checked (the run stopped before the check).';
  if (report.state === 'passed') return `Invariants: all ${report.checked.length} checks held.`;
  return `Invariants: ${report.violations.length} of ${report.checked.length} broken: ${report.violations.map((v) => `${v.invariant} (${v.count} rows${exampleIds(v.examples)})`).join('; ')}.`;
}

/** The ids of a violation's example rows, so a reader can look them up. */
function exampleIds(examples: readonly Readonly<Record<string, unknown>>[]): string {
  const ids = examples.flatMap((row) => (typeof row.id === 'string' ? [row.id] : []));
  return ids.length === 0 ? '' : `: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', ...' : ''}`;
}

/**
 * One line per load step whose writes the run followed: what the service acknowledged, the races
 * lost and whether the database still holds every acknowledged write.
 */
export function writesLines(result: RunResult): string[] {
  return result.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) => {
      const w = step.writes;
      if (w === undefined || w.created + w.transitions + w.lost === 0) return [];
      return [
        `${scenario.name} / ${step.label}: ${w.created} referrals created, ${w.transitions} status changes, ${w.enrollments} enrollments` +
          ` (${w.enrollmentsPerMinute} a minute), ${w.racedRejections} writes lost a race (409, expected); ` +
          (w.lost === 0
            ? 'every acknowledged write is in the database'
            : `${w.lost} acknowledged writes missing from the database`),
      ];
    }),
  );
}

/** The rows grouped by spec table, in the spec's order, tables without rows left out. */
export function tablesOf(
  targets: readonly TargetEvaluation[],
): { id: SpecTableId; title: string; rows: TargetEvaluation[] }[] {
  return specTableIds
    .map((id) => ({ id, title: specTableTitles[id], rows: targets.filter((row) => row.table === id) }))
    .filter((table) => table.rows.length > 0);
}

/** One line per capacity search: the highest level that held, and what stopped the search. */
export function capacityLines(result: RunResult): string[] {
  return result.scenarios.flatMap((scenario) => {
    const capacity = scenario.capacity;
    if (capacity === undefined) return [];
    const held = capacity.held ? `held ${capacity.held.level} (p95 ${capacity.held.p95Ms} ms)` : 'no level held';
    const stop =
      capacity.stoppedBy === 'none'
        ? capacity.reason
        : `stopped at ${capacity.stoppedAt} by ${capacity.stoppedBy === 'p95' ? 'the p95 limit' : capacity.stoppedBy === 'errors' ? 'errors' : 'the load generator'}: ${capacity.reason}`;
    // A search the generator stopped found its own limit: the service's lies at or above it.
    const bound =
      capacity.stoppedBy === 'generator' || capacity.stoppedBy === 'none'
        ? " (a lower bound of the service's capacity: the limit reached was not the service's)"
        : '';
    return [
      `Capacity (${scenario.name}, p95 at most ${capacity.limits.p95Ms} ms, errors at most ${capacity.limits.errorRate * 100}%): ${held}${bound}; ${stop}.`,
    ];
  });
}

/**
 * One line per scenario whose load wrote: each cache's hit rate over the whole scenario, which
 * its enrollments invalidated, and the span the counts cover.
 */
export function cacheLines(result: RunResult): string[] {
  return result.scenarios.flatMap((scenario) => {
    const lookups = scenario.server?.serviceMetrics.cacheLookups ?? {};
    const enrollments = scenario.steps.reduce((sum, step) => sum + (step.writes?.enrollments ?? 0), 0);
    const caches = Object.entries(lookups).filter(([, counts]) => counts.hits + counts.misses > 0);
    if (caches.length === 0 || scenario.steps.every((step) => step.writes === undefined)) return [];
    const seconds = Math.round(scenario.steps.reduce((sum, step) => sum + (step.load?.durationMs ?? 0), 0) / 1000);
    const rates = caches
      .map(
        ([name, { hits, misses }]) =>
          `${name} ${((hits / (hits + misses)) * 100).toFixed(1)}% of ${hits + misses} lookups`,
      )
      .join(', ');
    return [
      `Caches under invalidation (${scenario.name}, ${seconds} s of measured load, the counts including its warm-ups, ${enrollments} enrollments): ${rates}.`,
    ];
  });
}
