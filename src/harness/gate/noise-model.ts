/**
 * The noise of paired short runs, fitted from A/A pairs (both sides the same revision), so the
 * gate's simulation test runs on this machine's noise and not on guesses.
 */
import { medianOfSorted, sortAscending } from '../stats/order-statistics.js';

/** Noise of one pair of runs: per-run log-normal noise, a drift both sides share, and occasional slow runs. */
export interface NoiseModel {
  /** Sd of one run's log value around its pair's level. */
  readonly runSd: number;
  /** Sd per pair of the random walk both sides of a pair share (the machine getting slower or faster). */
  readonly driftSd: number;
  /** Probability that one run is slow. */
  readonly slowRunProbability: number;
  /** How many times slower a slow run is. */
  readonly slowRunFactor: number;
}

/** sd = 1.4826 * MAD for normal data. */
const madToSd = 1.482602218505602;
/** A within-pair log-ratio this many robust sds from the centre is taken as a slow run. */
const outlierSds = 3;

/**
 * Fits the model to series of A/A pairs, each series in time order. Robust throughout, since
 * slow runs are what it must not be thrown by:
 * - slow runs: within-pair log-ratios (each series centred on its median, so an order effect
 *   between the sides is not taken for noise) beyond 3 robust sds (1.4826 MAD), one slow run
 *   each out of two runs a pair; the factor is exp of their median size. Normal noise alone puts
 *   0.27% of ratios there, so a clean machine still shows a rate near 0.0014;
 * - runSd: the MAD of the other ratios, as a sd, / sqrt(2), a ratio holding two runs' noise
 *   (slow runs left in would inflate it);
 * - driftSd: between two successive pairs without a slow run, the pairs' mean log level moves by
 *   drift plus noise of variance runSd^2 (each level averages two runs), so driftSd is what the
 *   robust variance of those steps leaves over runSd^2.
 */
export function fitNoiseModel(
  pairs: readonly (readonly { readonly base: number; readonly head: number }[])[],
): NoiseModel {
  const series = pairs
    .map((one) =>
      one
        .filter(({ base, head }) => base > 0 && head > 0)
        .map(({ base, head }) => ({
          ratio: Math.log(head / base),
          level: (Math.log(base) + Math.log(head)) / 2,
        })),
    )
    .filter((one) => one.length >= 2);
  if (series.length === 0) throw new RangeError('fitting a noise model needs a series of at least 2 pairs');
  const centred = series.map((one) => {
    const centre = median(one.map(({ ratio }) => ratio));
    return one.map(({ ratio, level }) => ({ ratio: ratio - centre, level }));
  });
  const allRatios = centred.flat().map(({ ratio }) => ratio);
  const cutoff = outlierSds * robustSd(allRatios);
  const isSlow = ({ ratio }: { ratio: number }): boolean => Math.abs(ratio) > cutoff;
  const slowSizes = allRatios.filter((ratio) => Math.abs(ratio) > cutoff).map(Math.abs);
  const runSd = robustSd(allRatios.filter((ratio) => Math.abs(ratio) <= cutoff)) / Math.SQRT2;
  const steps = centred.flatMap((one) =>
    one.slice(1).flatMap((pair, t) => {
      const previous = one[t] as { ratio: number; level: number };
      return isSlow(pair) || isSlow(previous) ? [] : [pair.level - previous.level];
    }),
  );
  const stepSd = steps.length === 0 ? 0 : robustSd(steps);
  return {
    runSd,
    driftSd: Math.sqrt(Math.max(0, stepSd ** 2 - runSd ** 2)),
    slowRunProbability: slowSizes.length / (2 * allRatios.length),
    slowRunFactor: slowSizes.length === 0 ? 1 : Math.exp(median(slowSizes)),
  };
}

/** 1.4826 MAD: the sd of normal data, unmoved by a few outliers. */
function robustSd(values: readonly number[]): number {
  const centre = median(values);
  return madToSd * median(values.map((value) => Math.abs(value - centre)));
}

function median(values: readonly number[]): number {
  return medianOfSorted(sortAscending(values));
}
