/** The steps a scenario runs under a profile, and the load time they add up to (for budgets and progress). */
import { profileOf, type ProfileName, type Scenario } from './scenario-schema.js';

/**
 * One planned step: what it loads and for how long. Entries that differ only in schemaVariant
 * (before-after) are one result step, measured on each variant over the same data.
 */
export interface PlannedStep {
  /** The step name results use: '100 users', '10k', 'create-referral', 'student-profile:on', 'referral-lookup'. */
  readonly label: string;
  readonly level: number;
  readonly referrals: number;
  /** The one route of a per-route or per-query step; every journey route otherwise. */
  readonly route?: string;
  readonly referralFeature?: 'off' | 'on';
  readonly schemaVariant?: 'baseline' | 'optimized';
  /** Warm-up plus measured load, ms. */
  readonly loadMs: number;
}

/** A level's step label: '100 users' (closed model) or '100 rps' (open model). */
export const levelLabel = (model: Scenario['load']['model'], level: number): string =>
  model === 'closed' ? `${level} users` : `${level} rps`;

const sizeLabel = (referrals: number): string =>
  referrals >= 1_000_000 ? `${referrals / 1_000_000}m` : `${referrals / 1000}k`;

/** Expands a scenario's profile into its steps. */
export function planSteps(scenario: Scenario, profileName: ProfileName): PlannedStep[] {
  const profile = profileOf(scenario, profileName);
  const loadMs = profile.warmupMs + profile.stepDurationMs;
  const features = scenario.referralFeature ?? [undefined];
  const variants = scenario.schemaVariants ?? [undefined];
  const referrals = profile.referrals[0] as number;
  const steps: PlannedStep[] = [];
  const add = (
    label: string,
    level: number,
    extra: Partial<PlannedStep> & { readonly referrals?: number } = {},
  ): void => {
    for (const feature of features) {
      for (const variant of variants) {
        steps.push({
          label: feature === undefined ? label : `${label}:${feature}`,
          level,
          referrals,
          loadMs,
          ...extra,
          ...(feature === undefined ? {} : { referralFeature: feature }),
          ...(variant === undefined ? {} : { schemaVariant: variant }),
        });
      }
    }
  };
  for (const level of profile.levels) {
    switch (scenario.stepsBy) {
      case 'level':
        add(levelLabel(scenario.load.model, level), level);
        break;
      case 'size':
        for (const size of profile.referrals) add(sizeLabel(size), level, { referrals: size });
        break;
      case 'route':
        for (const step of scenario.journey) add(step.route, step.level ?? level, { route: step.route });
        break;
      case 'query':
        for (const query of scenario.queries ?? []) add(query.step, level, { route: query.route });
        break;
    }
  }
  return steps;
}

/** Total load time of a scenario under a profile, ms (seeding and start-up not included). */
export function plannedLoadMs(scenario: Scenario, profileName: ProfileName): number {
  return planSteps(scenario, profileName).reduce((sum, step) => sum + step.loadMs, 0);
}
