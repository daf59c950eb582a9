/**
 * Turns the pairs' raw figures into the paired series `decidePairs` judges: per gated route, p50
 * and p95 (lower is better). Throughput is recorded with every pair but not decided on: at a fixed
 * arrival rate both sides are sent the same requests, so it equals the asked rate (measured within
 * 0.02% in an A/A run) unless the service falls behind, which the generator's achieved-rate check
 * reports; as a metric it could not fail and would only widen the Holm correction.
 */
import type { PairedMetric } from './decide-pairs.js';
import type { GatePair } from './gate-pair.js';
import type { RouteFigures } from './side-figures.js';

/** The statistics gated for every route. */
export const gatedStatistics = [
  { name: 'p50', unit: 'ms', higherIsBetter: false, read: (figures: RouteFigures) => figures.p50Ms },
  { name: 'p95', unit: 'ms', higherIsBetter: false, read: (figures: RouteFigures) => figures.p95Ms },
] as const;

/** `student-profile p95`: a metric's id. */
export function metricId(route: string, statistic: string): string {
  return `${route} ${statistic}`;
}

/**
 * One series per route and statistic, in the routes' order. A pair in which either side has no
 * request of the route (or a figure that is not positive, which has no ratio) is left out of
 * that series only.
 */
export function pairedMetrics(pairs: readonly GatePair[], routes: readonly string[]): PairedMetric[] {
  return routes.flatMap((route) =>
    gatedStatistics.map((statistic) => ({
      id: metricId(route, statistic.name),
      unit: statistic.unit,
      higherIsBetter: statistic.higherIsBetter,
      pairs: pairs.flatMap((pair) => {
        const base = pair.base.routes[route];
        const head = pair.head.routes[route];
        if (!base || !head || base.requests === 0 || head.requests === 0) return [];
        const values = { base: statistic.read(base), head: statistic.read(head) };
        return values.base > 0 && values.head > 0 ? [values] : [];
      }),
    })),
  );
}
