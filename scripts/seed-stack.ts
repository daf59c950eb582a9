/**
 * The compose stack's one-shot job (docker-compose.yml, service `seed`): migrates and seeds
 * DATABASE_URL, once (a database whose manifest names the same dataset is kept as it is), then writes what
 * the k6 profile needs into K6_DIR: the bundled scripts (scripts/) and their scenario context
 * (context.json: sampled ids and tokens valid for 6 hours; rerun the job for fresh ones).
 *
 * Variables: DATABASE_URL and REFERRAL_BENCH_TOKEN_SECRET (required), SEED_REFERRALS (default 10k),
 * SEED (default 42), SCHEMA_VARIANT (default optimized), K6_DIR (default /k6).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../src/core/errors.js';
import { loadScenarioContext, type TokenSigner } from '../src/harness/run/scenario-context-loader.js';
import { buildK6Bundles } from '../src/harness/runners/k6-bundle.js';
import { redact, withClient } from '../src/core/database-admin.js';
import {
  createTokenCodec,
  readServiceEnvironment,
  schemaVariants,
  ServiceEnvironmentError,
  type SchemaVariant,
  type ServiceStartup,
} from '../src/service/index.js';
import { streamProgress } from '../src/core/progress.js';
import { parseSeed } from '../src/core/whole-number.js';
import { parseReferralCount } from '../seed/scale.js';
import { ensureTargetDataset, ScenarioSkipped } from '../src/harness/run/target-dataset.js';

const tokenLifetimeSeconds = 6 * 3600;

function variantOf(value: string): SchemaVariant {
  const variant = schemaVariants.find((known) => known === value);
  if (variant === undefined)
    throw new HarnessError(
      'BAD_CONFIG',
      `SCHEMA_VARIANT: expected one of ${schemaVariants.join(', ')}, got "${value}"`,
    );
  return variant;
}

async function main(): Promise<void> {
  let service: ServiceStartup;
  try {
    // The same variables, checked as the service checks them: the tokens must be ones it accepts.
    service = readServiceEnvironment(process.env);
  } catch (error: unknown) {
    if (error instanceof ServiceEnvironmentError) throw new HarnessError('BAD_CONFIG', error.message);
    throw error;
  }
  const { databaseUrl, tokenSecret } = service.config;
  const codec = createTokenCodec(tokenSecret);
  const referrals = process.env.SEED_REFERRALS || '10k';
  const seed = parseSeed(process.env.SEED || '42');
  const variant = variantOf(process.env.SCHEMA_VARIANT || 'optimized');
  const k6Dir = process.env.K6_DIR || '/k6';

  // Seeds once: a database whose comment names this dataset is kept; one holding another dataset,
  // or data without a manifest (a seeding cut short), is refused rather than served half-built.
  let dataset;
  try {
    dataset = await ensureTargetDataset({
      databaseUrl,
      referrals: parseReferralCount(referrals),
      seed,
      variant,
      progress: streamProgress(),
    });
  } catch (error: unknown) {
    if (error instanceof ScenarioSkipped)
      throw new HarnessError(
        'BAD_CONFIG',
        `${redact(databaseUrl)}: ${error.message.replace('this scenario needs', 'SEED_REFERRALS and SEED ask for')}`,
      );
    throw error;
  }
  const { manifest, seeded } = dataset;
  process.stderr.write(
    seeded
      ? `seed-stack: ${manifest.referrals} referrals seeded (checksum ${manifest.checksum})\n`
      : `seed-stack: ${redact(databaseUrl)} already holds this dataset (${manifest.referrals} referrals, checksum ${manifest.checksum}): kept as it is\n`,
  );

  const sign: TokenSigner = (claims) =>
    codec.sign(
      { organizationId: claims.organizationId, role: claims.role, studentId: claims.studentId },
      tokenLifetimeSeconds,
    );
  const context = await withClient(databaseUrl, (client) => loadScenarioContext(client, sign, { seed }));
  await mkdir(k6Dir, { recursive: true });
  await writeFile(join(k6Dir, 'context.json'), JSON.stringify(context));
  const bundles = await buildK6Bundles(join(k6Dir, 'scripts'));
  process.stderr.write(`seed-stack: ${bundles.length} k6 scripts and their context written to ${k6Dir}\n`);
}

try {
  await main();
} catch (error: unknown) {
  process.stderr.write(
    `seed-stack: ${error instanceof HarnessError ? `${error.code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
