/**
 * The two files a k6 run elsewhere needs (the k6-operator's TestRun in k8s/): every k6 entry script
 * bundled, the scenario context of a seeded database with tokens for its service, and each step's
 * `-e LIMITS` value (from its target rows): what `run --runner k6` gives its local k6.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { badFlag } from '../../core/errors.js';
import { parseDatabaseUrl, withClient } from '../../core/database-admin.js';
import { loadScenarioContext } from '../run/scenario-context-loader.js';
import { createTokenCodec } from '../../service/index.js';
import { buildK6Bundles } from './k6-bundle.js';
import { loadScenario } from './scenario-loader.js';
import { stepLimits } from '../targets/step-limits.js';
import { formatLimits } from '../../../scenarios/k6/lib/k6-options.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import type { ProfileName } from '../../../scenarios/scenario-schema.js';
import { builtinOnlyScenarioNames, onDemandScenarioNames, scenarioNames } from '../../../scenarios/scenario-names.js';

/** Every step of every profile of every scenario with a k6 script: its `-e LIMITS` value, by scenario and step label. */
export async function k6StepLimits(): Promise<Record<string, Record<string, string>>> {
  const names = [...scenarioNames, ...onDemandScenarioNames].filter((name) => !builtinOnlyScenarioNames.includes(name));
  const entries = await Promise.all(
    names.map(async (name) => {
      const scenario = await loadScenario(name);
      const steps: Record<string, string> = {};
      for (const profile of Object.keys(scenario.profiles) as ProfileName[])
        for (const step of planSteps(scenario, profile))
          steps[step.label] = formatLimits(stepLimits(scenario.name, step.label));
      return [name, steps] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export interface K6FilesOptions {
  /** The seeded database the service under load runs on, as its owner. */
  readonly databaseUrl: string;
  /** The service's token secret (its --token-secret), at least 16 characters. */
  readonly tokenSecret: string;
  /** Lifetime of the context's tokens, seconds: longer than the test. */
  readonly expiresInSeconds: number;
  /** Makes the context's sample reproducible. @default 42 */
  readonly seed?: number;
  /** Folder for the bundles and context.json. */
  readonly out: string;
}

/**
 * Writes `<out>/<scenario>.js` for each k6 entry script, `<out>/context.json` and
 * `<out>/limits.json` (k6StepLimits); returns their paths.
 */
export async function writeK6Files(options: K6FilesOptions): Promise<string[]> {
  if (options.tokenSecret.length < 16)
    throw badFlag(
      '--token-secret',
      'a secret of at least 16 characters is required (or set REFERRAL_BENCH_TOKEN_SECRET)',
    );
  parseDatabaseUrl(options.databaseUrl);
  const codec = createTokenCodec(options.tokenSecret);
  const context = await withClient(options.databaseUrl, (client) =>
    loadScenarioContext(
      client,
      (claims) =>
        codec.sign(
          { organizationId: claims.organizationId, role: claims.role, studentId: claims.studentId },
          options.expiresInSeconds,
        ),
      { seed: options.seed ?? 42 },
    ),
  );
  await mkdir(options.out, { recursive: true });
  const bundles = await buildK6Bundles(options.out);
  const contextFile = join(options.out, 'context.json');
  await writeFile(contextFile, JSON.stringify(context));
  const limitsFile = join(options.out, 'limits.json');
  await writeFile(limitsFile, `${JSON.stringify(await k6StepLimits(), null, 2)}\n`);
  return [...bundles, contextFile, limitsFile];
}
