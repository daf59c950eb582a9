/** Decides from the generator's own samples whether it was the bottleneck of a load step. */
import type { GeneratorSamples } from './generator-monitor.js';
import type { GeneratorHealth } from '../result/load-result.schema.js';

/** Limits beyond which the generator is deemed the bottleneck. */
export interface BottleneckLimits {
  /** CPU of the generator process in its median sampling interval, in percent of one core (Node runs the generator on one thread). @default 90 */
  readonly cpuPercent: number;
  /** p99 event-loop delay in ms: beyond it, timers (and so sends) fire late. @default 50 */
  readonly eventLoopDelayP99Ms: number;
  /** Share of the time the event loop may be busy before it cannot send any faster. @default 0.9 */
  readonly eventLoopUtilization: number;
  /** Open model: the achieved rate must reach this fraction of the asked rate. @default 0.95 */
  readonly rateFraction: number;
}

export const defaultBottleneckLimits: BottleneckLimits = Object.freeze({
  cpuPercent: 90,
  eventLoopDelayP99Ms: 50,
  eventLoopUtilization: 0.9,
  rateFraction: 0.95,
});

const round = (value: number): number => Math.round(value * 10) / 10;

/**
 * The GeneratorHealth of a step.
 * @param rates open model only: the asked and achieved arrival rates (req/s), and the rate the
 *   arrival schedule itself produced over the same window. Poisson arrivals fall short of the asked
 *   rate by chance (a 10 s window at 50 req/s is 1.1 standard deviations from a 5% shortfall), so
 *   the generator is judged against its own schedule when that is given.
 */
export function assessGeneratorHealth(
  samples: GeneratorSamples,
  rates?: { readonly askedRate: number; readonly achievedRate: number; readonly scheduledRate?: number },
  limits: BottleneckLimits = defaultBottleneckLimits,
): GeneratorHealth {
  const reasons: string[] = [];
  const cpuMean = samples.cpuPercentOverall;
  const cpuMax = Math.max(cpuMean, ...samples.cpuPercents);
  // The median interval, not the mean: a generator saturated for most of the step is the
  // bottleneck even if its first and last moments were quiet.
  const sorted = [...samples.cpuPercents].sort((a, b) => a - b);
  const cpuTypical = sorted.length >= 4 ? (sorted[Math.floor(sorted.length / 2)] as number) : cpuMean;
  if (cpuTypical > limits.cpuPercent) {
    reasons.push(
      `generator CPU saturated: ${round(cpuTypical)}% in the median interval (limit ${limits.cpuPercent}%, where 100% is one core)`,
    );
  }
  if (samples.eventLoopUtilization !== undefined && samples.eventLoopUtilization > limits.eventLoopUtilization) {
    reasons.push(
      `generator event loop busy ${round(samples.eventLoopUtilization * 100)}% of the time (limit ${limits.eventLoopUtilization * 100}%), whether from its own work or from CPU taken by other processes`,
    );
  }
  if (samples.eventLoopDelayP99Ms > limits.eventLoopDelayP99Ms) {
    reasons.push(
      `generator timers late: event-loop delay p99 ${round(samples.eventLoopDelayP99Ms)} ms (limit ${limits.eventLoopDelayP99Ms} ms)`,
    );
  }
  const expectedRate = rates?.scheduledRate ?? rates?.askedRate;
  if (rates !== undefined && expectedRate !== undefined && rates.achievedRate < expectedRate * limits.rateFraction) {
    const scheduled = rates.scheduledRate === undefined ? '' : ` (scheduled ${round(rates.scheduledRate)} req/s)`;
    reasons.push(
      `achieved rate ${round(rates.achievedRate)} req/s is below ${limits.rateFraction * 100}% of the asked ${round(rates.askedRate)} req/s${scheduled}`,
    );
  }
  return {
    bottleneck: reasons.length > 0,
    reasons,
    cpuPercentMean: round(cpuMean),
    cpuPercentMax: round(cpuMax),
    eventLoopDelayP99Ms: round(samples.eventLoopDelayP99Ms),
    ...(rates === undefined ? {} : { askedRate: round(rates.askedRate), achievedRate: round(rates.achievedRate) }),
  };
}

/**
 * A step whose repetitions ran as separate short loads is bottlenecked when a quarter or more of
 * them were: one stall in a one-second load (a collection, a neighbour's burst) makes that load
 * late, and its repetition is one sample among many, which the step's interval absorbs; a
 * generator limited throughout shows in most of them. The reasons say how many were, and why.
 * CPU and delay take the worst part, the rates the mean of the parts, the arrival counts their sum.
 */
export function mergeGeneratorHealth(parts: readonly GeneratorHealth[]): GeneratorHealth {
  if (parts.length === 0) throw new RangeError('mergeGeneratorHealth: no parts');
  const mean = (values: readonly number[]) => round(values.reduce((sum, value) => sum + value, 0) / values.length);
  const asked = parts.flatMap((part) => (part.askedRate === undefined ? [] : [part.askedRate]));
  const achieved = parts.flatMap((part) => (part.achievedRate === undefined ? [] : [part.achievedRate]));
  const limited = parts.filter((part) => part.bottleneck);
  const reasons =
    limited.length === 0
      ? []
      : [
          `${limited.length} of ${parts.length} repetition loads: ${[...new Set(limited.flatMap((part) => part.reasons))].join('; ')}`,
        ];
  return {
    bottleneck: limited.length * 4 >= parts.length,
    reasons,
    cpuPercentMean: mean(parts.map((part) => part.cpuPercentMean)),
    cpuPercentMax: Math.max(...parts.map((part) => part.cpuPercentMax)),
    eventLoopDelayP99Ms: Math.max(...parts.map((part) => part.eventLoopDelayP99Ms)),
    ...(asked.length > 0 && achieved.length > 0 ? { askedRate: mean(asked), achievedRate: mean(achieved) } : {}),
    ...mergedArrivals(parts),
  };
}

/** The parts' arrival counts added up, where every part kept them (a step's loads all run the open model). */
function mergedArrivals(parts: readonly GeneratorHealth[]): Pick<GeneratorHealth, 'arrivals'> {
  const kept = parts.flatMap((part) => (part.arrivals === undefined ? [] : [part.arrivals]));
  if (kept.length < parts.length) return {};
  const total = (key: 'scheduled' | 'sent' | 'late' | 'dropped' | 'cutByRequestBound') =>
    kept.reduce((sum, arrivals) => sum + arrivals[key], 0);
  return {
    arrivals: {
      scheduled: total('scheduled'),
      sent: total('sent'),
      late: total('late'),
      lateToleranceMs: Math.max(...kept.map((arrivals) => arrivals.lateToleranceMs)),
      dropped: total('dropped'),
      cutByRequestBound: total('cutByRequestBound'),
    },
  };
}
