/**
 * What scenario executors need from the run: seeded databases cloned from templates, the service
 * started on them, token signing, progress lines. Everything it creates it also tears down; what a
 * scenario produces (its datasets' manifests, its invariant reports) the scenario returns
 * (scenario-phases.ts).
 */
import pg from 'pg';
import { createTokenCodec, type SchemaVariant } from '../../service/index.js';
import type { RunConfig } from '../config.js';
import { checkInvariants, type InvariantReport } from '../invariants/check-invariants.js';
import {
  databaseName,
  dropDatabase,
  settleWrites,
  uniqueDatabaseName,
  withClient,
  withDatabase,
} from '../../core/database-admin.js';
import type { MemoryFigure } from '../measure/process-memory.js';
import { deployedService } from '../stack/deployed-service.js';
import { startServiceProcess, type ServiceProcess } from '../stack/service-process.js';
import type { ProvidedServiceOptions } from '../stack/stack-provider.js';
import { ensureTargetDataset, ScenarioSkipped } from './target-dataset.js';
import { ensureSeededDatabase } from '../../../seed/seed-template.js';
import type { SeedManifest } from '../../../seed/manifest.js';
import type { SeedProgress } from '../../core/progress.js';
import { loadScenarioContext, type TokenSigner } from './scenario-context-loader.js';
import { ExtensionBudget } from './until-decided.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';

export interface RunDatabase {
  readonly name: string;
  readonly url: string;
  /** The dataset it holds, as seeded. */
  readonly manifest: SeedManifest;
  /** A small owner pool for measurements (not the service's). */
  readonly pool: pg.Pool;
  /** Checks the domain invariants after the workload, before the teardown; returns the report. */
  checkInvariants(): Promise<InvariantReport>;
  /** Tears down: closes the pool and drops the clone (a deployed target's database is kept). */
  drop(): Promise<void>;
}

export interface ServiceOptions {
  /** The spec's "referral feature off" mode for integration-impact. @default true */
  readonly referralsEnabled?: boolean;
  /** @default the run's --workers */
  readonly workers?: number;
  /** A Redis of the scenario's own instead of the run's. @default the run's, if any */
  readonly redisUrl?: string;
}

/** Names a dataset by what makes it one: its size and schema variant. */
export function datasetKey(manifest: Pick<SeedManifest, 'referrals' | 'variant'>): string {
  return `${manifest.referrals}/${manifest.variant}`;
}

/** Seconds since the run started, for progress lines. */
export type ProgressLine = (message: string) => void;

export class RunResources {
  readonly config: RunConfig;
  readonly adminUrl: string;
  readonly redisUrl: string | undefined;
  readonly log: ProgressLine;
  /** The datasets of a deployed target this run seeded ('<referrals>/<variant>'; the others it found seeded). */
  readonly seededHere = new Set<string>();
  /** Extra load left for extending undecided paired steps (--until-decided). */
  readonly extension: ExtensionBudget;
  /** Aborted when the run is told to stop (SIGINT, SIGTERM): loads end at once, no new step starts. */
  readonly abort: AbortSignal;
  /** '<scenario>/<step>' of every step a stop left unfinished (the one cut short and those after it). */
  readonly unfinished: string[] = [];
  readonly #sign: TokenSigner;
  readonly #seedProgress: SeedProgress | undefined;
  /** Restarts the run's PostgreSQL, where the provider owns it (the embedded one). */
  readonly restartDatabase: (() => Promise<void>) | undefined;
  /** PostgreSQL's memory right after the stack came up, before any dataset: what data-volume's growth is measured from. */
  readonly idlePostgres: MemoryFigure | undefined;
  /** The provider's way of starting the service (the docker provider's container), if it has one. */
  readonly #startService: ((options: ProvidedServiceOptions) => Promise<ServiceProcess>) | undefined;

  constructor(
    config: RunConfig,
    adminUrl: string,
    redisUrl: string | undefined,
    log: ProgressLine,
    seedProgress?: SeedProgress,
    abort: AbortSignal = new AbortController().signal,
    restartDatabase?: () => Promise<void>,
    idlePostgres?: MemoryFigure,
    startService?: (options: ProvidedServiceOptions) => Promise<ServiceProcess>,
  ) {
    this.config = config;
    this.#startService = startService;
    this.restartDatabase = restartDatabase;
    this.idlePostgres = idlePostgres;
    this.adminUrl = adminUrl;
    this.redisUrl = redisUrl;
    this.log = log;
    this.#seedProgress = seedProgress;
    this.extension = new ExtensionBudget(config.untilDecidedMs);
    this.abort = abort;
    const codec = createTokenCodec(config.tokenSecret);
    // Six hours: longer than any profile, short enough to be a real expiry.
    this.#sign = (claims) =>
      codec.sign({ organizationId: claims.organizationId, role: claims.role, studentId: claims.studentId }, 6 * 3600);
  }

  /**
   * A fresh clone of the (referrals, seed, variant) dataset; the template is built on first use.
   * Against a deployed target, its own database, seeded on first use and never dropped.
   */
  async database(referrals: number, variant: SchemaVariant): Promise<RunDatabase> {
    if (this.config.target) return this.#targetDatabase(this.config.target.databaseUrl, referrals, variant);
    const name = uniqueDatabaseName(`rb_run_${variant.slice(0, 4)}`);
    this.log(`dataset ${referrals.toLocaleString('en')} referrals (${variant}, seed ${this.config.seed})`);
    const manifest = await ensureSeededDatabase({
      adminUrl: this.adminUrl,
      targetName: name,
      referrals,
      seed: this.config.seed,
      variant,
      ...(this.#seedProgress ? { progress: this.#seedProgress } : {}),
      signal: this.abort,
    });
    const url = withDatabase(this.adminUrl, name);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => undefined);
    // Statement statistics are per server but read through a view installed per database.
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').catch(() => undefined);
    // On a connection of its own, closed after: a backend keeps every shared buffer it touched in
    // its memory, and the pool's stay up through the load, where PostgreSQL's memory is measured.
    await withClient(url, async (client) => {
      await client.query('VACUUM ANALYZE');
      const settled = await settleWrites(client);
      if (!settled.settled)
        this.log(`no CHECKPOINT (${settled.why}): the server's writeback of the clone may overlap the first load`);
    });
    return {
      name,
      url,
      manifest,
      pool,
      checkInvariants: () => checkInvariants(pool),
      drop: async () => {
        await pool.end();
        await dropDatabase(this.adminUrl, name);
      },
    };
  }

  async #targetDatabase(url: string, referrals: number, variant: SchemaVariant): Promise<RunDatabase> {
    this.log(
      `dataset ${referrals.toLocaleString('en')} referrals (${variant}, seed ${this.config.seed}) in the target's database`,
    );
    const { manifest, seeded } = await ensureTargetDataset({
      databaseUrl: url,
      referrals,
      seed: this.config.seed,
      variant,
      ...(this.#seedProgress ? { progress: this.#seedProgress } : {}),
      signal: this.abort,
    });
    if (seeded) {
      this.seededHere.add(datasetKey(manifest));
      const settled = await withClient(url, settleWrites);
      if (!settled.settled)
        this.log(
          `no CHECKPOINT (${settled.why}): the target's writeback of the seeded rows may overlap the first load`,
        );
    }
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => undefined);
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').catch(() => undefined);
    return {
      name: databaseName(url),
      url,
      manifest,
      pool,
      checkInvariants: () => checkInvariants(pool),
      // The service keeps running on it: never dropped.
      drop: async () => {
        await pool.end();
      },
    };
  }

  /** Whether the run was told to stop. */
  stopped(): boolean {
    return this.abort.aborted;
  }

  /** Lists `labels` of `scenario` as unfinished (a stop came before or during them). */
  leaveUnfinished(scenario: string, labels: readonly string[]): void {
    for (const label of labels) this.unfinished.push(`${scenario}/${label}`);
  }

  /**
   * Starts the service on a database: as its own process, or as the provider runs it (a container
   * of the docker provider's, with the settings asked for); against a deployed target, the target,
   * as it runs.
   */
  async service(database: RunDatabase, options: ServiceOptions = {}): Promise<ServiceProcess> {
    const target = this.config.target;
    if (target) {
      if (options.referralsEnabled === false || options.workers !== undefined || options.redisUrl !== undefined) {
        throw new ScenarioSkipped('it configures the service itself, and a deployed target runs as it was deployed');
      }
      return deployedService(target.url);
    }
    if (this.#startService) {
      if (options.redisUrl !== undefined)
        throw new ScenarioSkipped(
          "it gives the service a Redis of its own on this machine's loopback, which the service's container cannot reach",
        );
      return this.#startService({
        databaseUrl: database.url,
        workers: options.workers ?? this.config.workers,
        tokenSecret: this.config.tokenSecret,
        ...(options.referralsEnabled === undefined ? {} : { referrals: options.referralsEnabled }),
      });
    }
    const redisUrl = options.redisUrl ?? this.redisUrl;
    return startServiceProcess({
      databaseUrl: database.url,
      ...(redisUrl ? { redisUrl } : {}),
      workers: options.workers ?? this.config.workers,
      tokenSecret: this.config.tokenSecret,
      referrals: options.referralsEnabled,
    });
  }

  /**
   * Tokens and ids for a scenario's requests, read on a connection closed after (see VACUUM above);
   * one generator of several on a target (--generator i/n) gets its own share of them.
   */
  context(database: RunDatabase): Promise<ScenarioContext> {
    const share = this.config.target?.generator;
    return withClient(database.url, (client) =>
      loadScenarioContext(client, this.#sign, { seed: this.config.seed, ...(share ? { share } : {}) }),
    );
  }
}
