/**
 * The run configuration: flags, environment and an optional JSON config file resolved once,
 * validated, and frozen. Nothing deeper in the harness reads process.env.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { HarnessError, badFlag } from '../core/errors.js';
import { parseDatabaseUrl } from '../core/database-admin.js';
import { parseSeed, parseWholeNumber } from '../core/whole-number.js';
import { providerNames, type ProviderName } from './stack/stack-provider.js';
import { parseGeneratorShare, type GeneratorShare } from './run/generator-share.js';

import { profiles, type Profile } from './result/run-result.schema.js';

export type ProfileName = Profile;
export const profileNames: readonly ProfileName[] = profiles;
export type RunnerName = 'builtin' | 'k6';

export interface RunConfig {
  /** Which levels, sizes and durations the scenarios use. @default "quick" */
  readonly profile: ProfileName;
  /** Where PostgreSQL comes from. @default "embedded" */
  readonly provider: ProviderName;
  /** External provider: URL of an existing server (DATABASE_URL). */
  readonly databaseUrl?: string;
  /** Redis for the service's dashboard cache (REDIS_URL); without it the service caches in-process. */
  readonly redisUrl?: string;
  /** Parent folder of reports/<run-id>/. @default "reports" */
  readonly outDir: string;
  /** Random seed of the dataset and of every user journey. @default 42 */
  readonly seed: number;
  /** Scenario names to run; empty means every scenario of the profile. @default [] */
  readonly scenarios: readonly string[];
  /** Load generator. @default "builtin" */
  readonly runner: RunnerName;
  /** Service worker processes. @default 1 */
  readonly workers: number;
  /**
   * Repetitions of every step: the statistical unit of every interval (pairs, for paired
   * comparisons). A scenario's profile may ask for more; --repeat overrides both.
   * @default the profile's: smoke 3, quick 6, full 8
   */
  readonly repetitions: number;
  /** Whether --repeat (or the config file) set `repetitions`, overriding the scenarios' own. @default false */
  readonly repetitionsFixed: boolean;
  /**
   * Extra wall time, ms, the run may spend running more repetitions (pairs, for paired steps) of
   * steps whose rows are still inconclusive (--until-decided, in seconds; 0 turns it off).
   * @default the profile's: smoke 0, quick 30 s, full 120 s
   */
  readonly untilDecidedMs: number;
  /**
   * Time budget, ms, of the tinybench micro-benchmarks of bench/ the run takes before its
   * scenarios (--with-micro [seconds]; 0: none). @default full 60 s, every other profile 0
   */
  readonly microBudgetMs: number;
  /**
   * A service already running (--target-url), benchmarked instead of one the run starts: load goes
   * to `url`, datasets are seeded through `databaseUrl` (the database that service uses), and
   * scenarios that must start or reconfigure the service themselves are skipped. `remote`: its
   * host is not this machine's loopback (allowed only with --allow-remote). `generator`: this run is
   * generator i of n loading it together (--generator i/n), working on its own share of the seeded
   * users and referrals. @default none
   */
  readonly target?: {
    readonly url: string;
    readonly databaseUrl: string;
    readonly remote: boolean;
    readonly generator?: GeneratorShare;
  };
  /** Secret the run's service signs tokens with; random per run (a deployed target's own, given). */
  readonly tokenSecret: string;
  /** Print progress to stderr. @default true */
  readonly progress: boolean;
}

/** Raw inputs, as commander and the environment give them. */
export interface RunConfigInput {
  readonly profile?: string;
  readonly provider?: string;
  readonly out?: string;
  readonly seed?: string | number;
  readonly scenario?: readonly string[] | string;
  readonly runner?: string;
  readonly workers?: string | number;
  readonly repeat?: string | number;
  readonly untilDecided?: string | number;
  /** true: the flag without a value (the default budget); false: off (from a config file). */
  readonly withMicro?: boolean | string | number;
  readonly config?: string;
  readonly quiet?: boolean;
  /** A deployed service's base URL; needs databaseUrl, and the service's token secret in REFERRAL_BENCH_TOKEN_SECRET. */
  readonly targetUrl?: string;
  /** --database-url: the deployed target's database (falls back to DATABASE_URL). */
  readonly databaseUrl?: string;
  readonly allowRemote?: boolean;
  /** --generator i/n: this run's share of a deployed target's data, among n generators. */
  readonly generator?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badFlag(flag, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw badFlag('--config', `cannot read ${path}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error: unknown) {
    throw new HarnessError(
      'BAD_CONFIG',
      `--config ${path}: not a JSON object (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

const configFileKeys = new Set([
  'profile',
  'provider',
  'out',
  'seed',
  'scenario',
  'runner',
  'workers',
  'repeat',
  'untilDecided',
  'withMicro',
]);

/**
 * Repetitions a step runs by default. Six is the fewest pairs with an exact 95% signed-rank
 * interval for a paired change; smoke trades that for time.
 */
export const defaultRepetitions: Readonly<Record<ProfileName, number>> = Object.freeze({
  smoke: 3,
  quick: 6,
  full: 8,
  soak: 6,
});

/**
 * Wall time, seconds, a run may spend extending undecided steps: in quick about a dozen
 * more pairs of one route (a pair of 0.75 s loads costs about 2.2 s with their start and stop, as
 * the step timings in a quick run's result.json show: `node bin/referral-bench.js run`),
 * enough for a row about 10% from its line at quick's spread, and within quick's ten minutes.
 */
export const defaultUntilDecidedSeconds: Readonly<Record<ProfileName, number>> = Object.freeze({
  smoke: 0,
  quick: 30,
  full: 120,
  soak: 0,
});

/**
 * Seconds the micro-benchmarks get when --with-micro names none, and in the full profile: about
 * three seconds for each of the suite's tasks, warm-up included, after its setup.
 */
export const defaultMicroSeconds = 60;

function microBudgetMs(value: unknown, profile: ProfileName): number {
  if (value === undefined) return profile === 'full' ? defaultMicroSeconds * 1000 : 0;
  if (value === true) return defaultMicroSeconds * 1000;
  if (value === false) return 0;
  return parseWholeNumber('--with-micro', value, 0, 3600) * 1000;
}

/** Repetitions of a scenario's steps: --repeat if given, else the scenario profile's own, else the run's default. */
export function repetitionsOf(
  config: Pick<RunConfig, 'repetitions' | 'repetitionsFixed'>,
  scenarioProfile: { readonly repetitions?: number },
): number {
  return config.repetitionsFixed ? config.repetitions : (scenarioProfile.repetitions ?? config.repetitions);
}

/** Resolves flags over config file over defaults; fails fast naming the flag. */
export function resolveRunConfig(input: RunConfigInput): RunConfig {
  const env = input.env ?? {};
  const file = input.config ? readConfigFile(input.config) : {};
  for (const [key, value] of Object.entries(file)) {
    if (!configFileKeys.has(key))
      throw new HarnessError(
        'BAD_CONFIG',
        `--config ${input.config}: unknown setting "${key}" (known: ${[...configFileKeys].join(', ')})`,
      );
    // null would read as "not set" below and yet count as set (--repeat's fixed repetitions)
    if (value === null)
      throw new HarnessError('BAD_CONFIG', `--config ${input.config}: setting "${key}" is null; leave it out instead`);
  }
  const pick = <K extends keyof RunConfigInput>(key: K): unknown => input[key] ?? file[key];

  const target = input.targetUrl === undefined ? undefined : resolveTarget(input, env);
  if (target && input.provider !== undefined)
    throw badFlag('--provider', 'a deployed target (--target-url) brings its own servers: leave --provider out');
  if (target && pick('workers') !== undefined)
    throw badFlag(
      '--workers',
      'a deployed target (--target-url) runs the workers it was deployed with: leave --workers out',
    );
  if (target?.generator && target.generator.count > 1 && pick('runner') === 'k6')
    throw badFlag(
      '--generator',
      "the n generators' results are combined by `referral-bench merge`, which merges the built-in runner's latency histograms; a k6 summary has none (--runner builtin)",
    );
  const provider = target
    ? 'external'
    : oneOf('--provider', pick('provider') ?? (env.DATABASE_URL ? 'external' : 'embedded'), providerNames);
  const databaseUrl = target?.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (!target && input.databaseUrl !== undefined)
    throw badFlag(
      '--database-url',
      'names the database of a deployed target, with --target-url (DATABASE_URL names a server for --provider external)',
    );
  if (!target && input.allowRemote)
    throw badFlag('--allow-remote', 'allows a non-loopback --target-url; there is none');
  if (!target && input.generator !== undefined)
    throw badFlag(
      '--generator',
      "splits a deployed target's users and referrals among the generators loading it; there is none (--target-url)",
    );
  if (provider === 'external' && !target) {
    if (!databaseUrl)
      throw badFlag('--provider', 'external needs DATABASE_URL (the URL of an existing PostgreSQL server)');
    parseDatabaseUrl(databaseUrl, 'DATABASE_URL');
  }
  const scenarioValue = pick('scenario');
  const scenarios =
    scenarioValue === undefined
      ? []
      : Array.isArray(scenarioValue)
        ? scenarioValue.map(String)
        : [String(scenarioValue)];

  const profile = oneOf('--profile', pick('profile') ?? 'quick', profileNames);
  return Object.freeze({
    profile,
    provider,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    outDir: String(pick('out') ?? 'reports'),
    seed: parseSeed(pick('seed') ?? 42),
    scenarios: Object.freeze(scenarios),
    runner: oneOf('--runner', pick('runner') ?? 'builtin', ['builtin', 'k6'] as const),
    workers: parseWholeNumber('--workers', pick('workers') ?? 1, 1, 64),
    repetitions: parseWholeNumber('--repeat', pick('repeat') ?? defaultRepetitions[profile], 1, 100),
    repetitionsFixed: pick('repeat') !== undefined,
    untilDecidedMs:
      parseWholeNumber('--until-decided', pick('untilDecided') ?? defaultUntilDecidedSeconds[profile], 0, 3600) * 1000,
    microBudgetMs: microBudgetMs(pick('withMicro'), profile),
    ...(target ? { target: Object.freeze(target) } : {}),
    tokenSecret: env.REFERRAL_BENCH_TOKEN_SECRET || randomBytes(32).toString('base64url'),
    progress: !input.quiet,
  });
}

/** Hosts that are this machine: load may go there without --allow-remote. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The host a postgres:// URL connects to: node-postgres lets a `host` query parameter override
 * the URL's host, so that one counts. A socket directory (an absolute path) is this machine.
 */
function databaseHostOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.searchParams.get('host') ?? decodeURIComponent(url.hostname);
  return host.startsWith('/') ? 'localhost' : host;
}

/** --target-url and what it needs: its database, its token secret, and --allow-remote off this machine. */
function resolveTarget(
  input: RunConfigInput,
  env: Readonly<Record<string, string | undefined>>,
): NonNullable<RunConfig['target']> {
  let url: URL;
  try {
    url = new URL(String(input.targetUrl));
  } catch {
    throw badFlag(
      '--target-url',
      `expected the service's base URL (http://host:port), got ${JSON.stringify(input.targetUrl)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badFlag('--target-url', `expected an http or https URL, got ${url.protocol}`);
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    throw badFlag('--target-url', "expected the service's base URL, without a path, query or fragment");
  const remote = !isLoopback(url.hostname);
  if (remote && !input.allowRemote) {
    throw badFlag(
      '--allow-remote',
      `--target-url ${url.host} is not this machine: load goes to another host only when --allow-remote says so`,
    );
  }
  const databaseUrl = input.databaseUrl ?? env.DATABASE_URL;
  if (!databaseUrl)
    throw badFlag(
      '--database-url',
      'a deployed target (--target-url) needs the URL of the database it uses, to seed it (or DATABASE_URL)',
    );
  parseDatabaseUrl(databaseUrl, '--database-url');
  // The run migrates, seeds and writes to that database: another host's only when asked, as for the load.
  const databaseHost = databaseHostOf(databaseUrl);
  if (databaseHost !== '' && !isLoopback(databaseHost) && !input.allowRemote) {
    throw badFlag(
      '--allow-remote',
      `--database-url ${databaseHost} is not this machine: the run seeds and writes to the target's database, on another host only when --allow-remote says so`,
    );
  }
  if (!env.REFERRAL_BENCH_TOKEN_SECRET) {
    throw badFlag(
      '--target-url',
      'a deployed target accepts only tokens signed with its secret: set REFERRAL_BENCH_TOKEN_SECRET to it (an environment variable, so no process listing shows it)',
    );
  }
  const generator = input.generator === undefined ? undefined : parseGeneratorShare(input.generator);
  return {
    url: url.origin,
    databaseUrl,
    remote: remote || !(databaseHost === '' || isLoopback(databaseHost)),
    ...(generator ? { generator: Object.freeze(generator) } : {}),
  };
}
