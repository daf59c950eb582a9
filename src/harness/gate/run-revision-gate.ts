/**
 * The revision gate: both revisions built in temporary worktrees, one PostgreSQL, each side's
 * service on a clone of a dataset seeded by its own code, warmed up, then interleaved pairs of
 * short fixed-rate runs over the gated routes, decided by `decidePairs` and extended while the
 * decision is inconclusive. Everything it starts or creates is torn down, also on failure or
 * Ctrl-C (through the cleanup hooks).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenCodec } from '../../service/index.js';
import { HarnessError } from '../../core/errors.js';
import { loadScenarioContext, type TokenSigner } from '../run/scenario-context-loader.js';
import type { WeightedStep } from '../../model/load-request.js';
import { runOpenModel } from '../runners/open-model-runner.js';
import { onCleanup } from '../stack/cleanup.js';
import { createProvider } from '../stack/create-provider.js';
import { startServiceProcess, type ServiceProcess } from '../stack/service-process.js';
import type { StackProvider } from '../stack/stack-provider.js';
import { decidePairs, type GateDecision } from './decide-pairs.js';
import { extensionPairsOf, gateLooks, type GateConfig } from './gate-config.js';
import { bottleneckGuardrail, headErrorGuardrail, runFailedGuardrail, type Guardrail } from './gate-guardrails.js';
import { gateOutcome } from './gate-outcome.js';
import type { GatePair } from './gate-pair.js';
import type { GateLook, GateReport, GateRevision, GateSettings } from './gate-report.js';
import { gatedJourney } from './gated-journey.js';
import { repositoryRoot, resolveCommit } from './git-worktree.js';
import { planPairs, type GateSide } from './pair-order.js';
import { pairedMetrics } from './paired-metrics.js';
import { checkoutRevision, type RevisionCheckout } from './revision-checkout.js';
import { createRevisionDatabase, type RevisionDatabase } from './revision-database.js';
import { sideFigures, type SideFigures } from './side-figures.js';

/** Receives progress lines. */
export type GateLog = (message: string) => void;

/** A side, ready to be measured. */
interface ReadySide {
  readonly name: GateSide;
  readonly service: ServiceProcess;
  readonly journey: WeightedStep[];
}

/** In-flight requests allowed per run, as the operations scenario allows. */
const maxInFlight = 50;
/** A request still unanswered after this long counts as a timeout error. */
const requestTimeoutMs = 10_000;

/** The settings recorded in gate.json, with the looks the extensions allow. */
export function gateSettings(config: GateConfig): GateSettings {
  const extensionPairs = extensionPairsOf(config.pairs);
  const looks = gateLooks(config.pairs, config.maxPairs);
  return {
    pairs: config.pairs,
    maxPairs: config.maxPairs,
    extensionPairs,
    ratePerSecond: config.ratePerSecond,
    pairSeconds: config.pairMs / 1000,
    warmupSeconds: config.warmupMs / 1000,
    routes: config.routes,
    referrals: config.referrals,
    seed: config.seed,
    marginPct: config.marginPct,
    alpha: config.alpha,
    looks,
    alphaPerLook: config.alpha / looks,
    maxErrorRate: config.maxErrorRate,
    provider: config.provider,
    workers: config.workers,
  };
}

/** Runs the whole gate and returns its report (not yet written). Throws HarnessError for usage and set-up failures. */
export async function runRevisionGate(config: GateConfig, log: GateLog): Promise<GateReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const settings = gateSettings(config);
  const repoDir = await repositoryRoot(config.repoDir);
  const headCommit = await resolveCommit(repoDir, config.headRef, '--head');
  const baseCommit = config.baseRef === undefined ? headCommit : await resolveCommit(repoDir, config.baseRef, '--base');
  log(
    `gate ${config.aa ? `A/A on ${short(headCommit)}` : `${short(baseCommit)} (base) vs ${short(headCommit)} (head)`}: ${config.pairs} pairs (up to ${config.maxPairs}), ` +
      `${config.ratePerSecond} req/s for ${config.pairMs / 1000} s each over ${config.routes.join(', ')}`,
  );

  const scratch = await mkdtemp(join(tmpdir(), 'referral-bench-gate-'));
  const removeScratch = onCleanup(() => rm(scratch, { recursive: true, force: true }));
  const teardown: Array<() => Promise<unknown>> = [];
  let provider: StackProvider | undefined;
  try {
    provider = createProvider({
      provider: config.provider,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    });
    const stack = provider;
    teardown.push(() => stack.down());
    const urls = await upOrFail(stack, config.provider);
    log(`PostgreSQL up (${config.provider})`);

    const head = await checkout(repoDir, headCommit, join(scratch, 'head'), log);
    teardown.push(() => head.remove());
    const base = baseCommit === headCommit ? head : await checkout(repoDir, baseCommit, join(scratch, 'base'), log);
    if (base !== head) teardown.push(() => base.remove());

    const baseDb = await seed(base, 'base', urls.adminUrl, config, scratch, log);
    teardown.push(() => baseDb.drop());
    const headDb = await seed(head, 'head', urls.adminUrl, config, scratch, log);
    teardown.push(() => headDb.drop());

    const codec = createTokenCodec(config.tokenSecret);
    const sign: TokenSigner = (claims) =>
      codec.sign({ organizationId: claims.organizationId, role: claims.role, studentId: claims.studentId }, 6 * 3600);
    const sides: Record<GateSide, ReadySide> = {
      base: await startSide('base', base, baseDb, config, sign, log, teardown),
      head: await startSide('head', head, headDb, config, sign, log, teardown),
    };

    const guardrails: Guardrail[] = [];
    const pairs: GatePair[] = [];
    const looks: GateLook[] = [];
    let decision: GateDecision | undefined;
    if (await warmUp(sides, config, log, guardrails)) {
      let planned = config.pairs;
      for (;;) {
        const ok = await runPairs(sides, config, pairs, planned, log, guardrails);
        if (pairs.length >= 2)
          decision = decidePairs(pairedMetrics(pairs, config.routes), {
            marginPct: config.marginPct,
            alpha: settings.alphaPerLook,
          });
        if (!ok || !decision) break;
        looks.push({ pairs: pairs.length, verdict: decision.verdict });
        log(`decision after ${pairs.length} pairs: ${decision.verdict}`);
        if (decision.verdict !== 'inconclusive' || pairs.length >= config.maxPairs) break;
        planned = Math.min(config.maxPairs, pairs.length + settings.extensionPairs);
        log(`inconclusive: extending to ${planned} pairs`);
      }
    }
    const errors = headErrorGuardrail(pairs, config.maxErrorRate);
    if (errors) guardrails.push(errors);

    const revision = (side: GateSide, checkout: RevisionCheckout, db: RevisionDatabase, ref: string): GateRevision => ({
      ref,
      commit: checkout.commit,
      dependencies: checkout.dependencies,
      datasetChecksum: db.checksum,
      template: db.template,
      ...(side === 'head' && config.injectDelay ? { testDelay: config.injectDelay } : {}),
    });
    return {
      kind: 'referral-bench-gate',
      schemaVersion: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      wallSeconds: Math.round((performance.now() - t0) / 100) / 10,
      aa: config.aa,
      base: revision('base', base, baseDb, config.baseRef ?? config.headRef),
      head: revision('head', head, headDb, config.headRef),
      settings,
      outcome: gateOutcome(decision, guardrails, settings),
      ...(decision ? { decision } : {}),
      looks,
      guardrails,
      metrics: pairedMetrics(pairs, config.routes),
      pairs,
    };
  } finally {
    for (const step of teardown.reverse()) {
      await step().catch((error: unknown) => log(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
    }
    await rm(scratch, { recursive: true, force: true });
    removeScratch();
    log('torn down');
  }
}

const short = (commit: string): string => commit.slice(0, 12);

async function upOrFail(provider: StackProvider, name: string) {
  try {
    return await provider.up();
  } catch (error: unknown) {
    throw error instanceof HarnessError
      ? error
      : new HarnessError(
          'PROVIDER_FAILED',
          `${name} provider: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
  }
}

async function checkout(repoDir: string, commit: string, dir: string, log: GateLog): Promise<RevisionCheckout> {
  const started = performance.now();
  const revision = await checkoutRevision({ repoDir, commit, dir, log });
  log(`worktree ${short(commit)} ready (dependencies: ${revision.dependencies}) in ${seconds(started)}`);
  return revision;
}

async function seed(
  revision: RevisionCheckout,
  side: GateSide,
  adminUrl: string,
  config: GateConfig,
  scratch: string,
  log: GateLog,
): Promise<RevisionDatabase> {
  const started = performance.now();
  const db = await createRevisionDatabase({
    revision,
    adminUrl,
    referrals: config.referrals,
    seed: config.seed,
    side,
    scratchDir: scratch,
  });
  log(
    `${side}: ${config.referrals.toLocaleString('en-US')} referrals seeded by ${short(revision.commit)} (checksum ${db.checksum.slice(0, 12)}) in ${seconds(started)}`,
  );
  return db;
}

async function startSide(
  name: GateSide,
  revision: RevisionCheckout,
  db: RevisionDatabase,
  config: GateConfig,
  sign: TokenSigner,
  log: GateLog,
  teardown: Array<() => Promise<unknown>>,
): Promise<ReadySide> {
  const delay = name === 'head' ? config.injectDelay : undefined;
  const service = await startServiceProcess({
    databaseUrl: db.url,
    tokenSecret: config.tokenSecret,
    workers: config.workers,
    entry: revision.entry,
    cwd: revision.dir,
    testDelay: delay ? `${delay.route}:${delay.ms}` : undefined,
  });
  teardown.push(() => service.stop());
  const context = await loadScenarioContext(db.pool, sign, { seed: config.seed });
  log(
    `${name}: service of ${short(revision.commit)} at ${service.url}${delay ? ` with a test delay of ${delay.ms} ms on ${delay.route}` : ''}`,
  );
  return { name, service, journey: gatedJourney(config.routes, context) };
}

/** One measured run of one side. */
async function measure(
  side: ReadySide,
  config: GateConfig,
  journeySeed: number,
  durationMs: number,
): Promise<SideFigures> {
  const result = await runOpenModel({
    url: side.service.url,
    ratePerSecond: config.ratePerSecond,
    arrival: 'uniform',
    journey: side.journey,
    durationMs,
    maxRequests: Math.ceil((config.ratePerSecond * durationMs) / 1000) + 1,
    maxInFlight,
    seed: journeySeed,
    requestTimeoutMs,
  });
  return sideFigures(result, config.routes);
}

/** Warms both sides up (figures discarded); false when a guardrail tripped. */
async function warmUp(
  sides: Record<GateSide, ReadySide>,
  config: GateConfig,
  log: GateLog,
  guardrails: Guardrail[],
): Promise<boolean> {
  if (config.warmupMs === 0) return true;
  for (const name of ['base', 'head'] as const) {
    try {
      await measure(sides[name], config, config.seed, config.warmupMs);
    } catch (error: unknown) {
      guardrails.push(runFailedGuardrail(error, undefined, name));
      return false;
    }
  }
  log(`warmed up both sides for ${config.warmupMs / 1000} s each`);
  return true;
}

/** Runs pairs until `pairs` holds `until` of them; false when a guardrail stopped it. */
async function runPairs(
  sides: Record<GateSide, ReadySide>,
  config: GateConfig,
  pairs: GatePair[],
  until: number,
  log: GateLog,
  guardrails: Guardrail[],
): Promise<boolean> {
  for (const plan of planPairs(config.seed, pairs.length, until - pairs.length)) {
    const figures: Partial<Record<GateSide, SideFigures>> = {};
    for (const name of plan.order) {
      try {
        figures[name] = await measure(sides[name], config, plan.journeySeed, config.pairMs);
      } catch (error: unknown) {
        guardrails.push(runFailedGuardrail(error, plan.index, name));
        return false;
      }
      const bottleneck = bottleneckGuardrail(figures[name], plan.index, name);
      if (bottleneck) {
        guardrails.push(bottleneck);
        return false;
      }
    }
    const pair: GatePair = {
      index: plan.index,
      order: plan.order,
      journeySeed: plan.journeySeed,
      base: figures.base as SideFigures,
      head: figures.head as SideFigures,
    };
    pairs.push(pair);
    log(`pair ${plan.index + 1}/${until} (${plan.order[0]} first): ${describePair(pair, config.routes)}`);
  }
  return true;
}

function describePair(pair: GatePair, routes: readonly string[]): string {
  const parts = routes.map((route) => {
    const base = pair.base.routes[route];
    const head = pair.head.routes[route];
    return `${route} p95 ${base?.p95Ms.toFixed(1) ?? '-'} -> ${head?.p95Ms.toFixed(1) ?? '-'} ms`;
  });
  return `${parts.join(', ')}; errors ${pair.base.errors}/${pair.head.errors}`;
}

function seconds(startedMs: number): string {
  return `${((performance.now() - startedMs) / 1000).toFixed(1)} s`;
}
