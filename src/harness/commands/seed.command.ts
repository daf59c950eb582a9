/** `referral-bench seed`: fills a database with N referrals (or clones a seeded template) and writes a manifest. */
import type { Command } from 'commander';
import type { SchemaVariant } from '../../service/index.js';
import { HarnessError } from '../../core/errors.js';
import {
  databaseName,
  dropDatabase,
  parseDatabaseUrl,
  redact,
  withClient,
  withDatabase,
} from '../../core/database-admin.js';
import { writeManifest, type SeedManifest } from '../../../seed/manifest.js';
import { streamProgress } from '../../core/progress.js';
import { parseReferralCount } from '../../../seed/scale.js';
import { parseSeed } from '../../core/whole-number.js';
import { seedDataset } from '../../../seed/seed-dataset.js';
import { ensureSeededDatabase } from '../../../seed/seed-template.js';
import { parseVariant } from './options.js';

export interface SeedCommandOptions {
  readonly databaseUrl: string;
  /** N as typed: `10000`, `10k`, `1m`, `1.5m`. */
  readonly referrals: string;
  /** @default '42' */
  readonly seed: string;
  readonly variant: SchemaVariant;
  /** Clone from (and if needed first build) a template database instead of seeding in place. */
  readonly template?: boolean;
  /** Where to write the manifest. @default reports/seed/<variant>-<n>-<seed>.json */
  readonly manifest?: string;
}

/** Library form of the command: validates every flag before touching a database. */
export async function runSeed(options: SeedCommandOptions): Promise<{ manifest: SeedManifest; manifestPath: string }> {
  const referrals = parseReferralCount(options.referrals);
  const seed = parseSeed(options.seed);
  parseDatabaseUrl(options.databaseUrl);
  const progress = streamProgress();
  const manifest = options.template
    ? await cloneFromTemplate(options.databaseUrl, referrals, seed, options.variant)
    : await seedDataset({ databaseUrl: options.databaseUrl, referrals, seed, variant: options.variant, progress });
  const manifestPath = options.manifest ?? `reports/seed/${options.variant}-${referrals}-${seed}.json`;
  await writeManifest(manifestPath, manifest);
  return { manifest, manifestPath };
}

/** The target may exist only if it is still empty (a provider's fresh database): it is replaced by the clone. */
async function cloneFromTemplate(
  databaseUrl: string,
  referrals: number,
  seed: number,
  variant: SchemaVariant,
): Promise<SeedManifest> {
  const adminUrl = withDatabase(databaseUrl, 'postgres');
  const targetName = databaseName(databaseUrl);
  const state = await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [targetName]);
    return rows.length === 0 ? 'absent' : 'present';
  });
  if (state === 'present') {
    const tables = await withClient(
      databaseUrl,
      async (client) =>
        (
          await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
          )
        ).rows[0]?.n ?? 0,
    );
    if (tables > 0) {
      throw new HarnessError(
        'BAD_CONFIG',
        `--template clones into ${redact(databaseUrl)}, which already has tables: name a new or empty database`,
      );
    }
    await dropDatabase(adminUrl, targetName);
  }
  return ensureSeededDatabase({ adminUrl, targetName, referrals, seed, variant, progress: streamProgress() });
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description(
      'Fill a database with N referrals and everything around them, deterministically; print the dataset checksum.',
    )
    .requiredOption(
      '--database-url <url>',
      'PostgreSQL URL of the database to seed (migrated to --variant first)',
      process.env.DATABASE_URL,
    )
    .requiredOption('--referrals <n>', 'referral count: 10000, 10k, 1m, 1.5m (1 to 50M)')
    .option('--seed <s>', 'random seed (0 to 4294967295)', '42')
    .option('--variant <variant>', 'schema variant: optimized or baseline', parseVariant, 'optimized' as SchemaVariant)
    .option('--template', 'build a template database once per (N, seed, variant) and clone it into --database-url')
    .option('--manifest <path>', 'where to write the JSON manifest (default reports/seed/<variant>-<n>-<seed>.json)')
    .action(async (options: SeedCommandOptions) => {
      const { manifest, manifestPath } = await runSeed(options);
      const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
      const how =
        manifest.source === 'template'
          ? `cloned from ${manifest.template} in ${manifest.timings.cloneMs} ms`
          : `in ${(manifest.timings.totalMs / 1000).toFixed(2)} s (${manifest.rowsPerSecond.toLocaleString('en-US')} rows/s)`;
      process.stderr.write(
        `seeded ${redact(options.databaseUrl)}: ${manifest.referrals.toLocaleString('en-US')} referrals, ` +
          `${rows.toLocaleString('en-US')} rows ${how}; manifest ${manifestPath}\n`,
      );
      process.stdout.write(`${manifest.checksum}\n`);
    });
}
