/**
 * What could change a run's figures, from its environment and datasets: the machine, PostgreSQL
 * and its settings, the choices the run was made with, the data it ran on. The reports state
 * them first, and a comparison of two runs lists the ones that differ.
 */
import type { RunResult } from '../result/run-result.schema.js';
import { formatBytes } from './format.js';

/** One condition of a run. */
export interface RunCondition {
  /** The group it is shown in, e.g. 'PostgreSQL settings'; absent for a condition on its own. */
  readonly group?: string;
  /** e.g. 'CPU', 'work_mem', '10,000 referrals (optimized)'. */
  readonly label: string;
  readonly value: string;
}

type ThinkTime = NonNullable<RunResult['environment']['thinkTime']>[string];

/** A record a result from before it existed lacks is said so, not guessed. */
const notRecorded = 'not recorded';

function thinkTimeText(thinkTime: ThinkTime): string {
  switch (thinkTime.distribution) {
    case 'fixed':
      return `fixed ${thinkTime.ms} ms`;
    case 'uniform':
      return `uniform ${thinkTime.minMs}-${thinkTime.maxMs} ms`;
    case 'exponential':
      return `exponential, mean ${thinkTime.meanMs} ms${thinkTime.maxMs === undefined ? '' : `, at most ${thinkTime.maxMs} ms`}`;
  }
}

/**
 * A dataset's seed and checksum. A deployed target's database was seeded in place and written to
 * since, so its checksum is only what it was seeded as (said so for results from before `inPlace`
 * too: a target's dataset was always in place).
 */
function datasetText(dataset: RunResult['datasets'][number], onTarget: boolean): string {
  if (!onTarget && dataset.inPlace === undefined) return `seed ${dataset.seed}, checksum ${dataset.checksum}`;
  const by = dataset.inPlace === undefined ? '' : dataset.inPlace.seededThisRun ? ' by this run' : ' by an earlier run';
  return `seed ${dataset.seed}, seeded as checksum ${dataset.checksum}${by}; used in place in the target's database, not a fresh copy: the loads since may have written to it`;
}

export function runConditions(result: RunResult): RunCondition[] {
  const env = result.environment;
  const thinkTimes =
    env.thinkTime === undefined
      ? [{ label: 'Think time', value: notRecorded }]
      : Object.keys(env.thinkTime).length === 0
        ? [{ label: 'Think time', value: 'none (no closed-model scenario ran)' }]
        : Object.entries(env.thinkTime).map(([scenario, thinkTime]) => ({
            group: 'Think time',
            label: scenario,
            value: thinkTimeText(thinkTime),
          }));
  const datasets = result.datasets.map((dataset) => ({
    group: 'Datasets',
    label: `${dataset.referrals.toLocaleString('en-US')} referrals${dataset.schemaVariant ? ` (${dataset.schemaVariant})` : ''}`,
    value: datasetText(dataset, env.target !== undefined),
  }));
  const settings = Object.entries(env.postgresSettings).map(([name, value]) => ({
    group: 'PostgreSQL settings',
    label: name,
    value,
  }));
  const unique = new Map(datasets.map((condition) => [`${condition.label}|${condition.value}`, condition]));
  return [
    { label: 'Profile', value: result.profile },
    { label: 'Repetitions', value: `${result.repetitions} a step` },
    { label: 'CPU', value: `${env.cpuCount} x ${env.cpuModel}` },
    { label: 'Memory', value: formatBytes(env.memoryBytes) },
    { label: 'PostgreSQL', value: env.postgresVersion },
    ...(settings.length > 0 ? settings : [{ label: 'PostgreSQL settings', value: '(defaults)' }]),
    ...(env.target
      ? [
          {
            label: 'Target',
            value: `${env.target.url}, deployed: not started by this run, its settings its own${env.target.remote ? '; on another host' : ''}`,
          },
        ]
      : [
          {
            label: 'Provider',
            value: env.serviceImage
              ? `${env.provider}, the service in a container of image ${env.serviceImage}`
              : env.provider,
          },
        ]),
    { label: 'Schema variants', value: env.schemaVariants.join(', ') },
    { label: 'Seed', value: String(env.seed) },
    // A dataset cloned for several scenarios is one dataset.
    ...unique.values(),
    ...thinkTimes,
    ...(env.target
      ? []
      : [
          {
            label: 'Service workers',
            value: env.serviceWorkers === undefined ? notRecorded : String(env.serviceWorkers),
          },
          { label: 'Cache', value: env.cacheKind },
        ]),
    { label: 'Load runner', value: env.runner },
    { label: 'Node.js', value: env.nodeVersion },
    { label: 'Git commit', value: env.gitCommit },
  ];
}

/** The conditions with each group on one line: ['PostgreSQL settings', 'shared_buffers: 128MB; work_mem: 4MB'], in order. */
export function conditionLines(conditions: readonly RunCondition[]): [string, string][] {
  const lines: { label: string; values: string[] }[] = [];
  for (const condition of conditions) {
    const grouped = condition.group === undefined ? undefined : lines.find((line) => line.label === condition.group);
    if (grouped) grouped.values.push(`${condition.label}: ${condition.value}`);
    else if (condition.group !== undefined)
      lines.push({ label: condition.group, values: [`${condition.label}: ${condition.value}`] });
    else lines.push({ label: condition.label, values: [condition.value] });
  }
  return lines.map(({ label, values }) => [label, values.join('; ')]);
}

/** The heading both reports give the conditions. */
export const conditionsTitle = 'What could change these figures';

/** The conditions on one line, for a report's header: 'Profile: quick · Repetitions: 6 a step · CPU: 2 x ...'. */
export function conditionsLine(result: RunResult): string {
  return conditionLines(runConditions(result))
    .map(([label, value]) => `${label}: ${value}`)
    .join(' · ');
}
