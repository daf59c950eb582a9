/**
 * The data-volume sizes route by route, for both reports: each read route's p95 at every size
 * (caches bypassed), and how it grew from the smallest size to the largest, so a route whose plan
 * degrades with the data shows, not only the referral list the spec times. Descriptive: one run.
 */
import type { RunResult } from '../result/run-result.schema.js';
import { tQuantile } from '../stats/student-t.js';
import { welchTest } from '../stats/welch.js';
import { formatNumber } from './format.js';

export interface VolumeRoutesTable {
  /** The sizes in run order, each with the schools it held: 'largest school 812 referrals, 203 students; 40 schools'. */
  readonly sizes: readonly { readonly label: string; readonly schools: string }[];
  /** One per route the steps loaded: its p95 per size ('-': the size sent it none) and the growth, largest over smallest. */
  readonly rows: readonly { readonly route: string; readonly cells: readonly string[]; readonly growth: string }[];
}

/** The table, or undefined when the run has no data-volume step that loaded the service. */
export function volumeRoutes(result: RunResult): VolumeRoutesTable | undefined {
  const steps = (result.scenarios.find((scenario) => scenario.name === 'data-volume')?.steps ?? []).filter(
    (step) => step.load,
  );
  if (steps.length === 0) return undefined;
  const routes = [...new Set(steps.flatMap((step) => Object.keys(step.load?.perRoute ?? {})))].sort();
  type Step = (typeof steps)[number];
  const p95 = (step: Step, route: string): number | undefined => {
    const figures = step.load?.perRoute[route];
    return figures && figures.latency.count > 0 ? figures.latency.p95 : undefined;
  };
  // The route's p95 in each repetition of the step that sent it any, as logs.
  const repetitionLogs = (step: Step, route: string): number[] =>
    (step.load?.repetitions ?? [])
      .map((repetition) => repetition.perRoute[route]?.latency)
      .filter((latency) => latency !== undefined && latency.count > 0 && latency.p95 > 0)
      .map((latency) => Math.log(latency!.p95));
  return {
    sizes: steps.map((step) => {
      const { schools, largestSchoolReferrals, largestSchoolStudents } = step.measurements;
      return {
        label: step.label,
        schools:
          largestSchoolReferrals === undefined
            ? '-'
            : `largest school ${formatNumber(largestSchoolReferrals)} referrals, ${formatNumber(largestSchoolStudents ?? 0)} students; ${formatNumber(schools ?? 0)} schools`,
      };
    }),
    rows: routes.map((route) => {
      const figures = steps.map((step) => p95(step, route));
      const [first, last] = [figures[0], figures.at(-1)];
      return {
        route,
        cells: figures.map((figure) => (figure === undefined ? '-' : `${formatNumber(figure)} ms`)),
        growth:
          steps.length > 1 && first !== undefined && last !== undefined && first > 0
            ? (growthWithInterval(repetitionLogs(steps[0]!, route), repetitionLogs(steps.at(-1)!, route)) ??
              `${formatNumber(last / first)}x (one run, no interval)`)
            : '-',
      };
    }),
  };
}

/**
 * The growth from the smallest size to the largest as the ratio of the geometric means of the
 * route's p95 in each repetition, with its 95% interval (Welch's t on the logs), or undefined with
 * fewer than 3 repetitions a side. One step's p95 is one figure: the repetitions are what say how
 * far it moves by itself, so a growth near a line reads as undecided rather than as over or under.
 */
export function growthWithInterval(smallest: readonly number[], largest: readonly number[]): string | undefined {
  if (smallest.length < 3 || largest.length < 3) return undefined;
  const { difference, standardError, df } = welchTest(largest, smallest, 'two-sided');
  const half = standardError === 0 ? 0 : tQuantile(0.975, df) * standardError;
  const ratio = (log: number): string => formatNumber(Math.exp(log));
  return `${ratio(difference)}x [${ratio(difference - half)} to ${ratio(difference + half)}]`;
}

/** What the table says, in one line above it. */
export const volumeRoutesLead =
  "Every read route at each size, its cache bypassed (p95 of the step, from one run). Growth is the largest size's p95 over the smallest's, taken repetition by repetition (the ratio of the repetitions' p95s, geometric means) with its 95% interval:";
