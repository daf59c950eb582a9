/**
 * The revision gate's configuration (`gate --base <ref> --head <ref>`): flags and environment
 * resolved once, validated, and frozen. Every problem is a usage error naming its flag.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { badFlag } from '../../core/errors.js';
import { parseDatabaseUrl } from '../../core/database-admin.js';
import { parseReferralCount } from '../../../seed/scale.js';
import { parseSeed, parseWholeNumber } from '../../core/whole-number.js';
import { routeLabels, type RouteLabel } from '../../../scenarios/route-labels.js';
import { parseTestDelay } from '../../service/index.js';
import { gatedStatistics } from './paired-metrics.js';

/** Where the one PostgreSQL of both sides comes from. */
export type GateProvider = 'embedded' | 'external';

export interface GateConfig {
  /** The git repository the revisions come from (the working directory's). */
  readonly repoDir: string;
  /** The base revision as typed; undefined in an A/A gate. */
  readonly baseRef: string | undefined;
  /** The head revision as typed. @default "HEAD" */
  readonly headRef: string;
  /** A/A: the head revision on both sides (the gate's own noise). */
  readonly aa: boolean;
  /** Pairs run before the first decision. @default 20 */
  readonly pairs: number;
  /** An inconclusive decision is extended up to this many pairs. @default 40 */
  readonly maxPairs: number;
  /** Arrivals per second of each run, over all gated routes together. @default 50 */
  readonly ratePerSecond: number;
  /** Measured length of each side's run in a pair. @default 3000 */
  readonly pairMs: number;
  /** Load on each side before the first pair, not recorded. @default 5000 */
  readonly warmupMs: number;
  /** The routes whose p50, p95 and throughput are gated. @default student-profile, calculate-points, update-status */
  readonly routes: readonly RouteLabel[];
  /** Referrals of the seeded dataset of both sides. @default 10000 */
  readonly referrals: number;
  /** Seed of the dataset, the pairs' order and the journeys. @default 42 */
  readonly seed: number;
  /** Equivalence margin in percent. @default 5 */
  readonly marginPct: number;
  /** False-alarm rate of the whole gate, spread over its looks. @default 0.01 */
  readonly alpha: number;
  /** Head-side errors above this share of its requests (0..1) fail the gate. @default 0 */
  readonly maxErrorRate: number;
  /** Calibration: the head service's `--test-delay`. */
  readonly injectDelay: { readonly route: RouteLabel; readonly ms: number } | undefined;
  /** Report folder. @default reports/gate-<timestamp> */
  readonly outDir: string;
  /** Print gate.json on stdout. @default false */
  readonly json: boolean;
  /** Progress on stderr. @default true */
  readonly progress: boolean;
  readonly provider: GateProvider;
  /** External provider: DATABASE_URL. */
  readonly databaseUrl?: string;
  /** Service worker processes per side. @default 1 */
  readonly workers: number;
  /** Secret both services verify tokens with; random per gate. */
  readonly tokenSecret: string;
}

/** Raw inputs, as commander and the environment give them. */
export interface GateConfigInput {
  readonly base?: string;
  readonly head?: string;
  readonly aa?: boolean;
  readonly pairs?: string;
  readonly maxPairs?: string;
  readonly rate?: string;
  readonly pairSeconds?: string;
  readonly warmupSeconds?: string;
  readonly routes?: string | readonly string[];
  readonly referrals?: string;
  readonly seed?: string;
  readonly margin?: string;
  readonly alpha?: string;
  readonly maxErrorRate?: string;
  readonly injectDelay?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly provider?: string;
  readonly workers?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default now */
  readonly now?: Date;
}

/** The default gated routes: two reads and a write of the operations scenario. */
export const defaultGateRoutes: readonly RouteLabel[] = ['student-profile', 'calculate-points', 'update-status'];

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  return value === undefined ? fallback : parseWholeNumber(flag, value, min, max);
}

function decimal(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  { open = false } = {},
): number {
  if (value === undefined) return fallback;
  const text = value.trim().replace(/%$/, '');
  const n = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n) || n < min || n > max || (open && (n === min || n === max))) {
    throw badFlag(
      flag,
      `expected a number ${open ? 'between' : 'from'} ${min} ${open ? 'and' : 'to'} ${max}, got "${value}"`,
    );
  }
  return n;
}

function parseRoutes(value: string | readonly string[] | undefined): readonly RouteLabel[] {
  if (value === undefined) return defaultGateRoutes;
  const names = (typeof value === 'string' ? [value] : value)
    .flatMap((part) => part.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw badFlag('--routes', 'name at least one route');
  for (const name of names) {
    if (!(routeLabels as readonly string[]).includes(name))
      throw badFlag('--routes', `unknown route "${name}" (known: ${routeLabels.join(', ')})`);
  }
  if (new Set(names).size !== names.length) throw badFlag('--routes', `a route is named twice in "${names.join(',')}"`);
  return Object.freeze(names as RouteLabel[]);
}

function parseInjectDelay(value: string | undefined, routes: readonly RouteLabel[]): GateConfig['injectDelay'] {
  if (value === undefined) return undefined;
  let delay;
  try {
    delay = parseTestDelay(value);
  } catch (error: unknown) {
    throw badFlag('--inject-delay', error instanceof Error ? error.message : String(error));
  }
  if (!(routes as readonly string[]).includes(delay.route)) {
    throw badFlag('--inject-delay', `"${delay.route}" is not a gated route (--routes: ${routes.join(', ')})`);
  }
  return Object.freeze({ route: delay.route as RouteLabel, ms: delay.ms });
}

function timestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
}

/** `--margin` and `--alpha`, which both modes of the gate decide with. */
export function resolveDecisionOptions(input: { readonly margin?: string; readonly alpha?: string }): {
  readonly marginPct: number;
  readonly alpha: number;
} {
  return Object.freeze({
    marginPct: decimal('--margin', input.margin, 5, 0, 100, { open: true }),
    alpha: decimal('--alpha', input.alpha, 0.01, 0, 0.5, { open: true }),
  });
}

/** Pairs a look adds when the previous one left a metric undecided: half the first look's. */
export function extensionPairsOf(pairs: number): number {
  return Math.max(1, Math.ceil(pairs / 2));
}

/** Looks the gate may take from `pairs` up to `maxPairs`: the first, then one per extension. */
export function gateLooks(pairs: number, maxPairs: number): number {
  return 1 + Math.ceil((maxPairs - pairs) / extensionPairsOf(pairs));
}

/**
 * Refuses settings under which no look could ever report a regression: with n pairs the exact
 * one-sided signed-rank test gives no p-value below 2^-n, and Holm needs the smallest at or below
 * alpha / looks / metrics. Such a gate would exit 0 on any slowdown.
 */
function assertDecidable(maxPairs: number, alpha: number, looks: number, metrics: number): void {
  const needed = alpha / looks / metrics;
  if (2 ** -maxPairs <= needed) return;
  throw badFlag(
    '--max-pairs',
    `${maxPairs} pairs can never show a regression: their smallest p-value, 2^-${maxPairs} = ${Number((2 ** -maxPairs).toPrecision(2))}, is above the ${Number(needed.toPrecision(2))} a decision needs (--alpha ${alpha} over ${looks} look(s) and ${metrics} metrics); raise --max-pairs (and --pairs), raise --alpha, or gate fewer --routes`,
  );
}

/** Resolves and validates everything before anything starts. */
export function resolveGateConfig(input: GateConfigInput): GateConfig {
  const aa = input.aa ?? false;
  if (aa && input.base !== undefined) throw badFlag('--aa', 'runs --head on both sides; drop --base');
  if (!aa && input.base === undefined)
    throw badFlag('--base', 'required: the git revision to compare --head against (or --aa for an A/A gate)');
  for (const [flag, ref] of [
    ['--base', input.base],
    ['--head', input.head],
  ] as const) {
    if (ref !== undefined && (ref.trim() === '' || ref.startsWith('-')))
      throw badFlag(flag, `expected a git revision, got "${ref}"`);
  }
  const pairs = wholeNumber('--pairs', input.pairs, 20, 2, 1000);
  const maxPairs = wholeNumber('--max-pairs', input.maxPairs, Math.max(40, pairs), 2, 1000);
  if (maxPairs < pairs) throw badFlag('--max-pairs', `must be at least --pairs (${pairs}), got ${maxPairs}`);
  const routes = parseRoutes(input.routes);
  const decision = resolveDecisionOptions(input);
  assertDecidable(maxPairs, decision.alpha, gateLooks(pairs, maxPairs), routes.length * gatedStatistics.length);
  const ratePerSecond = decimal('--rate', input.rate, 50, 0, 2000, { open: true });
  const pairSeconds = decimal('--pair-seconds', input.pairSeconds, 12, 0.2, 120);
  if (ratePerSecond * pairSeconds < routes.length * 2) {
    throw badFlag(
      '--rate',
      `${ratePerSecond} req/s for ${pairSeconds} s is too few requests for ${routes.length} routes (need at least ${routes.length * 2} per run)`,
    );
  }
  const injectDelay = parseInjectDelay(input.injectDelay, routes);
  if (input.env.REFERRAL_BENCH_TEST_DELAY) {
    throw badFlag(
      '--inject-delay',
      'REFERRAL_BENCH_TEST_DELAY is set in the environment and would slow both sides: unset it and use --inject-delay, which slows the head only',
    );
  }
  const provider = input.provider ?? (input.env.DATABASE_URL ? 'external' : 'embedded');
  if (provider !== 'embedded' && provider !== 'external')
    throw badFlag('--provider', `expected one of embedded, external, got "${provider}"`);
  const databaseUrl = input.env.DATABASE_URL || undefined;
  if (provider === 'external') {
    if (!databaseUrl)
      throw badFlag('--provider', 'external needs DATABASE_URL (the URL of an existing PostgreSQL server)');
    parseDatabaseUrl(databaseUrl, 'DATABASE_URL');
  }
  return Object.freeze({
    repoDir: input.cwd,
    baseRef: aa ? undefined : input.base,
    headRef: input.head ?? 'HEAD',
    aa,
    pairs,
    maxPairs,
    ratePerSecond,
    pairMs: Math.round(pairSeconds * 1000),
    warmupMs: Math.round(decimal('--warmup-seconds', input.warmupSeconds, 5, 0, 600) * 1000),
    routes,
    referrals: parseReferralCount(input.referrals ?? '10k'),
    seed: parseSeed(input.seed ?? '42'),
    ...decision,
    maxErrorRate: decimal('--max-error-rate', input.maxErrorRate, 0, 0, 100) / 100,
    injectDelay,
    outDir: input.out ?? join('reports', `gate-${timestamp(input.now ?? new Date())}`),
    json: input.json ?? false,
    progress: !(input.quiet ?? false),
    provider,
    ...(databaseUrl ? { databaseUrl } : {}),
    workers: wholeNumber('--workers', input.workers, 1, 1, 64),
    tokenSecret: input.env.REFERRAL_BENCH_TOKEN_SECRET || randomBytes(32).toString('base64url'),
  });
}
