/**
 * The data-volume sizes route by route, for both reports: each read route's p95 at every size
 * (caches bypassed), and how it grew from the smallest size to the largest, so a route whose plan
 * degrades with the data shows, not only the referral list the spec times. Descriptive: one run.
 */
import type { RunResult } from '../result/run-result.schema.js';
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
  const p95 = (step: (typeof steps)[number], route: string): number | undefined => {
    const figures = step.load?.perRoute[route];
    return figures && figures.latency.count > 0 ? figures.latency.p95 : undefined;
  };
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
            ? `${formatNumber(last / first)}x`
            : '-',
      };
    }),
  };
}

/** What the table says, in one line above it. */
export const volumeRoutesLead =
  "Every read route at each size, its cache bypassed (p95 of the step, from one run; growth is the largest size's p95 over the smallest's):";
