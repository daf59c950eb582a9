/** The one interface every way of getting a PostgreSQL (and optionally Redis) implements. */

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

export interface StackProvider {
  readonly name: ProviderName;
  /** Starts (or connects to) the servers and creates the harness's database. */
  up(): Promise<StackUrls>;
  /** Stops what up() started and drops what it created. Safe to call twice, or after a failed up(). */
  down(): Promise<void>;
  /** Restarts PostgreSQL on its data (fast shutdown, start); only a provider that started the server has it. */
  restartDatabase?(): Promise<void>;
}
