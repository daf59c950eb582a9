/** From the decision and the guardrails to the gate's verdict, exit code and headline. */
import { ExitCode } from '../../core/errors.js';
import type { GateDecision } from './decide-pairs.js';
import type { Guardrail } from './gate-guardrails.js';
import type { GateOutcome } from './gate-report.js';

const fixed = (value: number): string => `${Number(value.toFixed(1))}%`;

/**
 * Guardrails come first (an infrastructure one before an error one); then `regression` exits
 * 1, and `no regression` and `inconclusive` exit 0, the latter saying how small a regression
 * the run could have seen.
 */
export function gateOutcome(
  decision: GateDecision | undefined,
  guardrails: readonly Guardrail[],
  budget: { readonly alpha: number; readonly looks: number },
): GateOutcome {
  const tripped = [...guardrails].sort((a, b) => b.exitCode - a.exitCode)[0];
  if (tripped) {
    return { verdict: 'failed', exitCode: tripped.exitCode, headline: `FAILED: ${tripped.message}` };
  }
  if (!decision)
    return {
      verdict: 'failed',
      exitCode: ExitCode.infrastructure,
      headline: 'FAILED: no pair completed, so there is nothing to decide on',
    };
  const detectablePct = Math.max(...decision.metrics.map((metric) => metric.detectablePct));
  const where = `(margin ${decision.marginPct}%, alpha ${budget.alpha}${budget.looks > 1 ? ` over up to ${budget.looks} looks` : ''}, ${decision.metrics[0]?.pairs ?? 0} pairs)`;
  switch (decision.verdict) {
    case 'regression': {
      const worse = decision.metrics
        .filter((metric) => metric.verdict === 'regression')
        .map((metric) => `${metric.id} ${metric.changePct >= 0 ? '+' : ''}${fixed(metric.changePct)}`)
        .join(', ');
      return {
        verdict: 'regression',
        exitCode: ExitCode.targetFailed,
        headline: `REGRESSION: ${worse} ${where}`,
        detectablePct,
      };
    }
    case 'no regression':
      return {
        verdict: 'no regression',
        exitCode: ExitCode.ok,
        headline: `NO REGRESSION: no gated figure is worse by ${decision.marginPct}% or more ${where}`,
        detectablePct,
      };
    case 'inconclusive':
      return {
        verdict: 'inconclusive',
        exitCode: ExitCode.ok,
        detectablePct,
        headline: `INCONCLUSIVE: neither a regression nor its absence is shown ${where}; the smallest regression this run could have detected is about ${Number.isFinite(detectablePct) ? fixed(detectablePct) : 'unknown (too few pairs)'}`,
      };
  }
}
