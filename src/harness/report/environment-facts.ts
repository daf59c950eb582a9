/** The environment fingerprint and datasets as label/value pairs, for the Markdown and HTML tables. */
import type { RunResult } from '../result/run-result.schema.js';
import { formatBytes, formatNumber } from './format.js';

export function environmentFacts(result: RunResult): [string, string][] {
  const env = result.environment;
  const settings = Object.entries(env.postgresSettings).map(([name, value]) => `${name}=${value}`).join(', ');
  return [
    ['Git commit', env.gitCommit],
    ['Node.js', env.nodeVersion],
    ['PostgreSQL', env.postgresVersion],
    ['PostgreSQL settings', settings || '(defaults)'],
    ['CPU', `${env.cpuCount} x ${env.cpuModel}`],
    ['Memory', formatBytes(env.memoryBytes)],
    ['Provider', env.provider],
    ['Schema variants', env.schemaVariants.join(', ')],
    ['Seed', String(env.seed)],
    ['Cache', env.cacheKind],
    ['Load runner', env.runner],
    ...result.datasets.map((dataset, index): [string, string] => [
      `Dataset ${index + 1}`,
      `${dataset.referrals.toLocaleString('en-US')} referrals${dataset.schemaVariant ? ` (${dataset.schemaVariant})` : ''}, seed ${dataset.seed}, checksum ${dataset.checksum}, loaded in ${formatNumber(dataset.seconds)} s`,
    ]),
  ];
}
