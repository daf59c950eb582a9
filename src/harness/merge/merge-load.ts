/**
 * One load step as several load generators ran it at the same time against one service: counts
 * are summed, latencies merged histogram by histogram (never averaged) and their percentiles
 * recomputed, repetitions merged index by index (the generators ran the same schedule).
 */
import { HarnessError } from '../../core/errors.js';
import { mergeHistograms } from '../measure/latency-histogram.js';
import { decodeHistogram, summarizeWithHistogram } from '../measure/histogram-codec.js';
import { OutcomeCounter } from '../measure/outcome-counter.js';
import type {
  GeneratorHealth,
  LatencySummary,
  LoadRepetition,
  LoadRunResult,
  RequestOutcomes,
  TimelinePoint,
} from '../result/load-result.schema.js';

/** One generator's step, and the result file it came from (named in every refusal). */
export interface LoadPart {
  readonly file: string;
  readonly load: LoadRunResult;
}

type Figures = Pick<LoadRepetition, 'throughputRps' | 'requests' | 'latency' | 'correctedLatency' | 'perRoute'>;
interface FiguresPart {
  readonly file: string;
  readonly figures: Figures;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const tenths = (value: number): number => Math.round(value * 10) / 10;
/** The values when every part has one; a figure some lack is left out rather than summed short. */
const everyOne = <T>(values: readonly (T | undefined)[]): readonly T[] | undefined =>
  values.every((value) => value !== undefined) ? (values as readonly T[]) : undefined;

function mergeLatency(
  parts: readonly { readonly file: string; readonly latency: LatencySummary }[],
  place: string,
): LatencySummary {
  const histograms = parts.flatMap(({ file, latency }) => {
    if (latency.count === 0) return [];
    if (latency.histogram === undefined) {
      throw new HarnessError(
        'RESULTS_MISMATCH',
        `${file}: ${place} has latencies without their histogram (a k6 run, or a result written before histograms were kept), so its percentiles cannot be merged`,
      );
    }
    return [decodeHistogram(latency.histogram)];
  });
  return summarizeWithHistogram(mergeHistograms(histograms));
}

function sumOutcomes(all: readonly RequestOutcomes[]): RequestOutcomes {
  const counter = new OutcomeCounter();
  for (const outcomes of all) counter.addCounts(outcomes);
  return counter.toJSON();
}

function mergeFigures(parts: readonly FiguresPart[], place: string): Figures {
  const corrected = parts.flatMap(({ file, figures }) =>
    figures.correctedLatency ? [{ file, latency: figures.correctedLatency }] : [],
  );
  const labels = [...new Set(parts.flatMap(({ figures }) => Object.keys(figures.perRoute)))];
  return {
    // The generators ran at the same time: their rates add up.
    throughputRps: tenths(sum(parts.map(({ figures }) => figures.throughputRps))),
    requests: sumOutcomes(parts.map(({ figures }) => figures.requests)),
    latency: mergeLatency(
      parts.map(({ file, figures }) => ({ file, latency: figures.latency })),
      place,
    ),
    ...(corrected.length > 0 && { correctedLatency: mergeLatency(corrected, `${place} (corrected latency)`) }),
    perRoute: Object.fromEntries(
      labels.map((label) => {
        // A route one generator never sent contributes nothing to it.
        const routes = parts.flatMap(({ file, figures }) => {
          const route = figures.perRoute[label];
          return route ? [{ file, route }] : [];
        });
        return [
          label,
          {
            requests: sumOutcomes(routes.map(({ route }) => route.requests)),
            latency: mergeLatency(
              routes.map(({ file, route }) => ({ file, latency: route.latency })),
              `${place} route ${label}`,
            ),
          },
        ];
      }),
    ),
  };
}

function mergeRepetitions(parts: readonly LoadPart[], place: string): LoadRepetition[] {
  const indexes = [
    ...new Set(parts.flatMap(({ load }) => load.repetitions.map((repetition) => repetition.index))),
  ].sort((a, b) => a - b);
  return indexes.map((index) => {
    const repetitions = parts.flatMap(({ file, load }) =>
      load.repetitions.filter((repetition) => repetition.index === index).map((figures) => ({ file, figures })),
    );
    return {
      index,
      durationMs: Math.max(...repetitions.map(({ figures }) => figures.durationMs)),
      ...mergeFigures(repetitions, `${place} repetition ${index}`),
    };
  });
}

/**
 * Per second, requests and errors summed. The seconds' histograms are not kept, so each percentile
 * is the highest of the generators' own: never below the merged one (a mixture's percentile lies
 * between its parts'), so the chart errs on the slow side.
 */
function mergeTimelines(parts: readonly LoadPart[]): TimelinePoint[] {
  const seconds = new Map<number, TimelinePoint>();
  for (const point of parts.flatMap(({ load }) => load.timeline)) {
    const seen = seconds.get(point.second);
    seconds.set(
      point.second,
      seen === undefined
        ? { ...point }
        : {
            second: point.second,
            requests: seen.requests + point.requests,
            errors: seen.errors + point.errors,
            p50: Math.max(seen.p50, point.p50),
            p95: Math.max(seen.p95, point.p95),
            p99: Math.max(seen.p99, point.p99),
          },
    );
  }
  return [...seconds.values()].sort((a, b) => a.second - b.second);
}

/** Each generator watched its own machine: the merged step is as trustworthy as the busiest of them. */
function mergeGenerators(parts: readonly LoadPart[]): GeneratorHealth {
  const health = parts.map(({ load }) => load.generator);
  const asked = everyOne(health.map((generator) => generator.askedRate));
  const achieved = everyOne(health.map((generator) => generator.achievedRate));
  const arrivals = everyOne(health.map((generator) => generator.arrivals));
  return {
    bottleneck: health.some((generator) => generator.bottleneck),
    reasons: parts.flatMap(({ file, load }) => load.generator.reasons.map((reason) => `${file}: ${reason}`)),
    cpuPercentMean: Math.max(...health.map((generator) => generator.cpuPercentMean)),
    cpuPercentMax: Math.max(...health.map((generator) => generator.cpuPercentMax)),
    eventLoopDelayP99Ms: Math.max(...health.map((generator) => generator.eventLoopDelayP99Ms)),
    ...(asked && { askedRate: tenths(sum(asked)) }),
    ...(achieved && { achievedRate: tenths(sum(achieved)) }),
    ...(arrivals && {
      arrivals: {
        scheduled: sum(arrivals.map((kept) => kept.scheduled)),
        sent: sum(arrivals.map((kept) => kept.sent)),
        late: sum(arrivals.map((kept) => kept.late)),
        lateToleranceMs: Math.max(...arrivals.map((kept) => kept.lateToleranceMs)),
        dropped: sum(arrivals.map((kept) => kept.dropped)),
        cutByRequestBound: sum(arrivals.map((kept) => kept.cutByRequestBound)),
      },
    }),
  };
}

/**
 * Merges one step's loads; `place` ('<scenario>/<step>') names the step in a refusal, which also
 * names the file: a load of another runner or mode, or latencies without their histogram.
 */
export function mergeLoads(parts: readonly LoadPart[], place: string): LoadRunResult {
  const [first] = parts;
  if (first === undefined) throw new RangeError('mergeLoads: no load to merge');
  for (const { file, load } of parts) {
    if (load.runner !== first.load.runner || load.mode !== first.load.mode) {
      throw new HarnessError(
        'RESULTS_MISMATCH',
        `${file}: ${place} ran the ${load.runner} runner's ${load.mode} model where ${first.file} ran the ${first.load.runner} runner's ${first.load.mode} model`,
      );
    }
  }
  const concurrency = everyOne(parts.map(({ load }) => load.concurrency));
  return {
    state: 'completed',
    runner: first.load.runner,
    mode: first.load.mode,
    durationMs: Math.max(...parts.map(({ load }) => load.durationMs)),
    // The service saw every generator's users (or connections) at once.
    ...(concurrency && { concurrency: sum(concurrency) }),
    ...mergeFigures(
      parts.map(({ file, load }) => ({ file, figures: load })),
      place,
    ),
    repetitions: mergeRepetitions(parts, place),
    timeline: mergeTimelines(parts),
    generator: mergeGenerators(parts),
  };
}
