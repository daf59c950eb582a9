/**
 * Guardrails: conditions that fail the gate whatever the statistics say. Errors on the head side
 * are a regression in themselves (exit 1); a run the generator limited, or one that could not
 * be carried out, leaves figures that cannot be trusted (exit 3).
 */
import { ExitCode } from '../../core/errors.js';
import type { GatePair } from './gate-pair.js';
import type { GateSide } from './pair-order.js';
import type { SideFigures } from './side-figures.js';

export type GuardrailKind = 'head-errors' | 'generator-bottleneck' | 'run-failed';

export interface Guardrail {
  readonly kind: GuardrailKind;
  readonly exitCode: typeof ExitCode.targetFailed | typeof ExitCode.infrastructure;
  readonly message: string;
  /** The pair (0-based) and side it tripped on, when it was one run. */
  readonly pair?: number;
  readonly side?: GateSide;
}

const percent = (share: number): string => `${Number((share * 100).toPrecision(3))}%`;

/** Head errors over every pair, against the allowed share (0..1). */
export function headErrorGuardrail(pairs: readonly GatePair[], maxErrorRate: number): Guardrail | undefined {
  const requests = pairs.reduce((n, pair) => n + pair.head.requests, 0);
  const errors = pairs.reduce((n, pair) => n + pair.head.errors, 0);
  if (requests === 0 || errors / requests <= maxErrorRate) return undefined;
  const classes = new Map<string, number>();
  for (const pair of pairs)
    for (const [name, n] of Object.entries(pair.head.errorsByClass)) classes.set(name, (classes.get(name) ?? 0) + n);
  const byClass = [...classes]
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
  return {
    kind: 'head-errors',
    exitCode: ExitCode.targetFailed,
    message: `the head answered ${errors} of ${requests} requests with an error (${percent(errors / requests)}; ${byClass}), over the allowed ${percent(maxErrorRate)} (--max-error-rate)`,
  };
}

/** A run whose generator was the bottleneck. */
export function bottleneckGuardrail(figures: SideFigures, pair: number, side: GateSide): Guardrail | undefined {
  if (!figures.bottleneck) return undefined;
  return {
    kind: 'generator-bottleneck',
    exitCode: ExitCode.infrastructure,
    pair,
    side,
    message: `pair ${pair + 1}, ${side}: the load generator was the bottleneck (${figures.bottleneckReasons.join('; ')}), so its figures cannot be trusted`,
  };
}

/** A run that could not be carried out at all. */
export function runFailedGuardrail(error: unknown, pair: number | undefined, side: GateSide): Guardrail {
  const what = pair === undefined ? `warm-up, ${side}` : `pair ${pair + 1}, ${side}`;
  return {
    kind: 'run-failed',
    exitCode: ExitCode.infrastructure,
    side,
    ...(pair === undefined ? {} : { pair }),
    message: `${what}: the run failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}
