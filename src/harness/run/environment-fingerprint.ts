/** The environment a run's figures belong to: code, runtime, server, machine and choices. */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { Queryable } from '../../service/index.js';
import type { Environment } from '../result/run-result.schema.js';

const settingNames = [
  'shared_buffers',
  'work_mem',
  'maintenance_work_mem',
  'effective_cache_size',
  'max_connections',
  'fsync',
  'synchronous_commit',
  'random_page_cost',
  'jit',
  'max_parallel_workers_per_gather',
  'shared_preload_libraries',
];

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() !== '';
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

export interface FingerprintChoices {
  readonly provider: Environment['provider'];
  readonly schemaVariants: Environment['schemaVariants'];
  readonly seed: number;
  readonly cacheKind: Environment['cacheKind'];
  readonly runner: Environment['runner'];
  readonly thinkTime: NonNullable<Environment['thinkTime']>;
  /** Absent for a deployed target (its workers are its own). */
  readonly serviceWorkers?: number;
  readonly target?: Environment['target'];
  /** The image the service ran from, as a container (the docker provider). */
  readonly serviceImage?: string;
}

export async function environmentFingerprint(db: Queryable, choices: FingerprintChoices): Promise<Environment> {
  const {
    rows: [version],
  } = await db.query<{ server_version: string }>('SHOW server_version');
  const { rows: settings } = await db.query<{ name: string; setting: string; unit: string | null }>(
    'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
    [settingNames],
  );
  return {
    gitCommit: gitCommit(),
    nodeVersion: process.version,
    postgresVersion: version?.server_version ?? 'unknown',
    postgresSettings: Object.fromEntries(settings.map((s) => [s.name, s.unit ? `${s.setting} ${s.unit}` : s.setting])),
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    ...choices,
  };
}
