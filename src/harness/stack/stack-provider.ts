/** The one interface every way of getting a PostgreSQL (and optionally Redis) implements. */
import type { ServiceProcess } from './service-process.js';

export type ProviderName = 'embedded' | 'external' | 'docker';
export const providerNames: readonly ProviderName[] = ['embedded', 'external', 'docker'];

/** Where the stack's servers answer, once it is up. */
export interface StackUrls {
  /** A database of the harness's own, created for this stack; safe to migrate, seed and drop. */
  readonly databaseUrl: string;
  /** A maintenance connection (database `postgres`) on the same server, for CREATE/DROP DATABASE. */
  readonly adminUrl: string;
  /** Redis, when the stack has one. */
  readonly redisUrl?: string;
}

/** What a provider that runs the service itself is told for each run database. */
export interface ProvidedServiceOptions {
  /** The run database, as the harness reaches it. */
  readonly databaseUrl: string;
  readonly workers: number;
  readonly tokenSecret: string;
  /** The referral feature. @default true */
  readonly referrals?: boolean;
}

export interface StackProvider {
  readonly name: ProviderName;
  /** Starts (or connects to) the servers and creates the harness's database. */
  up(): Promise<StackUrls>;
  /** Stops what up() started and drops what it created. Safe to call twice, or after a failed up(). */
  down(): Promise<void>;
  /** Restarts PostgreSQL on its data (fast shutdown, start); only a provider that started the server has it. */
  restartDatabase?(): Promise<void>;
  /**
   * Starts the service on a run database the provider's own way (the docker provider: a container
   * on its network); without it the run starts the compiled service as a local process.
   */
  startService?(options: ProvidedServiceOptions): Promise<ServiceProcess>;
  /** The image startService() runs, recorded in the result's environment. */
  readonly serviceImage?: string | undefined;
}
