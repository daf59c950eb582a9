/** Number and verdict wording shared by the renderers, so every report prints a figure the same way. */
import type { RunResult } from '../result/run-result.schema.js';
import type { TargetEvaluation, TargetVerdict } from '../result/target-evaluation.schema.js';

/** Decimals for three significant figures (none at 100 and above). */
function defaultDigits(value: number): number {
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
}

function withDigits(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Three significant figures at most, never exponent notation: 1234, 412, 45.2, 3.41, 0.209. */
export function formatNumber(value: number): string {
  return withDigits(value, defaultDigits(value));
}

/**
 * A figure printed beside `target`: three significant figures, or as many more decimals (up to
 * six more) as it takes not to print a figure that differs from the target as the target itself
 * (2000.4 beside 2000 is '2,000.4', not '2,000').
 */
export function formatNear(value: number, target: number): string {
  const digits = defaultDigits(value);
  let extra = 0;
  while (
    extra < 6 &&
    value !== target &&
    Number(value.toFixed(digits + extra)) === Number(target.toFixed(digits + extra))
  )
    extra += 1;
  return withDigits(value, digits + extra);
}

/** A figure with its unit: '148 ms', '0.12%', '39.3 MB'. */
export function formatFigure(value: number, unit: string): string {
  return withUnit(formatNumber(value), unit);
}

/** A printed number with its unit: '148 ms', '0.12%'. */
function withUnit(number: string, unit: string): string {
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/**
 * The measured cell: the estimate, its 95% interval, then what it was computed from
 * ('98.1% [97.6 to 98.4] (39.6 → 0.74 ms)').
 */
export function formatMeasured(row: TargetEvaluation): string {
  if (row.measured === undefined) return '-';
  const measured = formatNear(row.measured, row.target);
  const figure = `${withUnit(measured, row.unit)}${row.unit === 'ms' ? statisticSuffix(row.statistic) : ''}${formatInterval(row)}`;
  const { hits, misses } = row.details ?? {};
  if (hits !== undefined && misses !== undefined)
    return `${figure} (${formatNumber(hits)} hits, ${formatNumber(misses)} misses)`;
  const details = Object.entries(row.details ?? {});
  if (details.length !== 2) return figure;
  const [[firstKey, first], [, second]] = details as [[string, number], [string, number]];
  const unit = firstKey.endsWith('Ms') ? ' ms' : '';
  return `${figure} (${formatNumber(first)} → ${formatNumber(second)}${unit})`;
}

/** ' [2.9 to 3.6]': the row's 95% interval, or where it has none, why ('one reading'). */
export function formatInterval(row: TargetEvaluation): string {
  if (row.interval)
    return ` [${formatNear(row.interval.lower, row.target)} to ${formatNear(row.interval.upper, row.target)}]`;
  return row.method === 'single-reading' ? ' (one reading)' : '';
}

/** How a row's interval was computed, in words, for a tooltip or a footnote. */
export const methodWords: Readonly<Record<NonNullable<TargetEvaluation['method']>, string>> = {
  'log-t': 'geometric mean of the repetitions, 95% t interval on their logs',
  'mean-t': "mean of the repetitions' rates, 95% t interval",
  'paired-hodges-lehmann': 'Hodges-Lehmann change over interleaved pairs, exact 95% signed-rank interval',
  'paired-log-t': 'mean change over interleaved pairs (under 6: no exact interval), 95% t interval',
  'clopper-pearson': "hit rate over the cache's lookups, exact 95% binomial interval",
  'zero-count': 'decided on the count against a target of zero; upper bound by the rule of three',
  'single-reading': 'read once: judged as read',
};

/** Which latency figure a number is, so '148 ms p95', '182 ms avg' and '301 ms corrected p95' are not confused. */
function statisticSuffix(statistic: string): string {
  if (statistic === 'load.latency.mean') return ' avg';
  const percentile = /^load\.(latency|correctedLatency)\.(p\d+)$/.exec(statistic);
  if (!percentile) return '';
  return percentile[1] === 'correctedLatency' ? ` corrected ${percentile[2]}` : ` ${percentile[2]}`;
}

/** The bound as a comparison: '<= 2000 ms (warn > 1500 ms)'. */
export function formatBound(row: TargetEvaluation): string {
  const bound = `${row.comparison} ${formatFigure(row.target, row.unit)}`;
  if (row.warning === undefined) return bound;
  return `${bound} (warn ${row.comparison === '<=' ? '>' : '<'} ${formatFigure(row.warning, row.unit)})`;
}

/**
 * Headroom to the target: in percent of it ('+92.6%'), or in percentage points for figures that
 * are themselves percentages ('+0.23 pts'), where a percent of a percent would mislead.
 */
export function formatHeadroom(row: TargetEvaluation): string {
  if (row.measured === undefined || row.verdict === 'not-measured') return '';
  const sign = (value: number) => `${value >= 0 ? '+' : ''}${formatNumber(value)}`;
  if (row.unit === '%')
    return `${sign(row.comparison === '<=' ? row.target - row.measured : row.measured - row.target)} pts`;
  return row.marginPct === undefined ? '' : `${sign(row.marginPct)}%`;
}

export const verdictWords: Readonly<Record<TargetVerdict, string>> = {
  pass: 'pass',
  warn: 'warning',
  inconclusive: 'inconclusive',
  fail: 'fail',
  'not-measured': 'not measured',
};

export const verdictIcons: Readonly<Record<TargetVerdict, string>> = {
  pass: '✅',
  warn: '⚠️',
  inconclusive: '❔',
  fail: '❌',
  'not-measured': '⏭️',
};

export const runVerdictHeadlines: Readonly<Record<RunResult['verdict'], string>> = {
  pass: 'PASS: every measured target met',
  warn: 'PASS with warnings: every measured target met, some past their warning level',
  inconclusive: 'NO FAILURE, NOT ALL DECIDED: no target missed, some too close to call',
  fail: 'FAIL: some targets missed',
  error: 'ERROR: this run cannot be trusted',
  interrupted: 'INTERRUPTED: the run was stopped; what finished is judged below',
};

/**
 * Why a failed run failed, in words: its missed targets, a broken invariant, a fault's goal not
 * met (any of them fails the run, so a run can fail with every target met).
 */
export function failureCauses(result: Pick<RunResult, 'targets' | 'invariants' | 'scenarios'>): string[] {
  const missed = result.targets.filter((row) => row.verdict === 'fail').length;
  const broken = result.invariants?.state === 'failed' ? result.invariants.violations.length || 1 : 0;
  const faults = result.scenarios.flatMap((scenario) => scenario.faults ?? []).filter((fault) => fault.met === false);
  return [
    ...(missed > 0 ? [`${missed} target${missed === 1 ? '' : 's'} missed`] : []),
    ...(broken > 0 ? [`${broken} invariant${broken === 1 ? '' : 's'} broken`] : []),
    ...(faults.length > 0 ? [`${faults.length} fault goal${faults.length === 1 ? '' : 's'} not met`] : []),
  ];
}

/** The run's headline: the verdict's, and for a failed run what failed it. */
export function runHeadline(result: RunResult): string {
  if (result.verdict !== 'fail') return runVerdictHeadlines[result.verdict];
  const causes = failureCauses(result);
  return causes.length > 0 ? `FAIL: ${causes.join(', ')}` : runVerdictHeadlines.fail;
}

/** How many rows had each verdict. */
export function countVerdicts(targets: readonly TargetEvaluation[]): Record<TargetVerdict, number> {
  const counts: Record<TargetVerdict, number> = { pass: 0, warn: 0, inconclusive: 0, fail: 0, 'not-measured': 0 };
  for (const row of targets) counts[row.verdict] += 1;
  return counts;
}

/** 'operations / student-profile, load.latency.p95': where the figure came from. */
export function formatSource(row: TargetEvaluation): string {
  return `${row.scenario} / ${row.step}, ${row.statistic}`;
}

/** Duration between two ISO timestamps: '8m 41s'. */
export function formatDuration(startedAt: string, finishedAt: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000));
  if (!Number.isFinite(seconds)) return 'unknown';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m ${seconds % 60}s` : `${seconds}s`;
}

/** Bytes in binary units: '7.76 GiB'. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value)} ${units[unit]}`;
}
