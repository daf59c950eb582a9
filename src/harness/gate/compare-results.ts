/**
 * The gate on two stored results (offline mode): the per-repetition figures both runs carry,
 * compared with the gate's margin, alpha and Holm correction (decideSamples: the runs did not
 * interleave, so there are no pairs). Runs of different hours are compared as they are, and the
 * verdict says so: drift between them is not cancelled.
 */
import { ExitCode } from '../../core/errors.js';
import type { RunResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import type { GateDecision, GateDecisionOptions } from './decide-pairs.js';
import { decideSamples, type SampledMetric } from './decide-samples.js';

export interface StoredComparison {
  readonly decision: GateDecision | undefined;
  /** Conditions that fail the gate whatever the statistics say, each with its exit code. */
  readonly guardrails: readonly { readonly exitCode: number; readonly message: string }[];
  readonly exitCode: number;
  readonly headline: string;
}

/** Rows compared: figures with positive per-repetition samples (latencies, sizes, rates), not changes in percent. */
function comparable(row: TargetEvaluation): row is TargetEvaluation & { samples: readonly number[] } {
  return row.method === 'log-t' && (row.samples?.length ?? 0) >= 2 && (row.samples ?? []).every((value) => value > 0);
}

/** The guardrails a candidate must clear before its figures are compared. */
export function candidateGuardrails(
  baseline: RunResult,
  candidate: RunResult,
): { exitCode: number; message: string }[] {
  const guardrails: { exitCode: number; message: string }[] = [];
  // Figures of different profiles or datasets describe different work: no comparison of them means anything.
  const datasets = (result: RunResult) =>
    result.datasets
      .map((d) => `${d.referrals}/${d.seed}/${d.schemaVariant ?? 'optimized'}`)
      .sort()
      .join(', ');
  if (baseline.profile !== candidate.profile || datasets(baseline) !== datasets(candidate)) {
    guardrails.push({
      exitCode: ExitCode.usage,
      message: `the two results are not comparable: profile ${baseline.profile} with datasets ${datasets(baseline) || 'none'} against profile ${candidate.profile} with datasets ${datasets(candidate) || 'none'}`,
    });
  }
  if (candidate.generatorBottleneck.bottleneck) {
    guardrails.push({
      exitCode: ExitCode.infrastructure,
      message: `the candidate's load generator was the bottleneck: ${candidate.generatorBottleneck.reasons.join('; ')}`,
    });
  }
  for (const scenario of candidate.scenarios.filter((s) => s.state === 'errored')) {
    guardrails.push({
      exitCode: ExitCode.infrastructure,
      message: `the candidate's scenario ${scenario.name} errored${scenario.reason ? `: ${scenario.reason}` : ''}`,
    });
  }
  const missing = baseline.scenarios.filter(
    (s) => s.state === 'completed' && !candidate.scenarios.some((c) => c.name === s.name && c.state === 'completed'),
  );
  if (missing.length > 0) {
    guardrails.push({
      exitCode: ExitCode.infrastructure,
      message: `the candidate is partial: it did not complete ${missing.map((s) => s.name).join(', ')}, which the baseline did`,
    });
  }
  for (const row of candidate.targets.filter((r) => r.verdict === 'fail')) {
    guardrails.push({
      exitCode: ExitCode.targetFailed,
      message: `the candidate failed ${row.kind === 'project-goal' ? 'a project goal' : 'a spec target'}: ${row.label}${row.reason ? ` (${row.reason})` : ''}`,
    });
  }
  if (candidate.invariants?.state === 'failed')
    guardrails.push({ exitCode: ExitCode.targetFailed, message: 'the candidate broke a data invariant' });
  return guardrails;
}

/** Compares a candidate run with a baseline run, row by row, on their repetitions. */
export function compareResults(
  baseline: RunResult,
  candidate: RunResult,
  options: GateDecisionOptions = {},
): StoredComparison {
  const metrics: SampledMetric[] = candidate.targets.filter(comparable).flatMap((row) => {
    const before = baseline.targets.find((other) => other.id === row.id);
    if (!before || !comparable(before)) return [];
    return [
      { id: row.id, unit: row.unit, higherIsBetter: row.comparison === '>=', base: before.samples, head: row.samples },
    ];
  });
  const guardrails = candidateGuardrails(baseline, candidate);
  const decision = metrics.length > 0 ? decideSamples(metrics, options) : undefined;
  const tripped = [...guardrails].sort((a, b) => b.exitCode - a.exitCode)[0];
  if (tripped) return { decision, guardrails, exitCode: tripped.exitCode, headline: `FAILED: ${tripped.message}` };
  if (!decision)
    return {
      decision,
      guardrails,
      exitCode: ExitCode.infrastructure,
      headline: 'FAILED: the two results share no figure with repetitions to compare',
    };
  const caveat = 'two stored runs, not interleaved: drift between their hours is not cancelled';
  if (decision.verdict === 'regression') {
    const worse = decision.metrics
      .filter((m) => m.verdict === 'regression')
      .map((m) => `${m.id} +${m.changePct.toFixed(1)}%`)
      .join(', ');
    return { decision, guardrails, exitCode: ExitCode.targetFailed, headline: `REGRESSION: ${worse} (${caveat})` };
  }
  if (decision.verdict === 'no regression') {
    return {
      decision,
      guardrails,
      exitCode: ExitCode.ok,
      headline: `NO REGRESSION in ${decision.metrics.length} figures beyond the ${decision.marginPct}% margin (${caveat})`,
    };
  }
  const detectable = Math.max(...decision.metrics.map((m) => m.detectablePct).filter(Number.isFinite));
  return {
    decision,
    guardrails,
    exitCode: ExitCode.ok,
    headline: `INCONCLUSIVE: neither a regression nor its absence is shown in ${decision.metrics.length} figures; the smallest regression these repetitions could detect is about ${Number.isFinite(detectable) ? detectable.toFixed(1) : '?'}% (${caveat})`,
  };
}
