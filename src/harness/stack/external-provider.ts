/** The external provider: an existing server named by DATABASE_URL (and optionally REDIS_URL). */
import { HarnessError } from '../../core/errors.js';
import {
  createDatabase,
  dropDatabase,
  parseDatabaseUrl,
  uniqueDatabaseName,
  withDatabase,
  withClient,
} from '../../core/database-admin.js';
import type { StackProvider, StackUrls } from './stack-provider.js';

export interface ExternalProviderOptions {
  /** URL of any database on the server; the harness creates its own database next to it. */
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  /** Name of the database to create. @default a unique `referral_bench_*` name */
  readonly databaseName?: string;
}

export class ExternalProvider implements StackProvider {
  readonly name = 'external' as const;
  readonly #options: ExternalProviderOptions;
  #created: { adminUrl: string; name: string } | undefined;

  constructor(options: ExternalProviderOptions) {
    if (!options.databaseUrl)
      throw new HarnessError(
        'BAD_CONFIG',
        'DATABASE_URL: the external provider needs the URL of an existing PostgreSQL server',
      );
    parseDatabaseUrl(options.databaseUrl, 'DATABASE_URL');
    this.#options = options;
  }

  async up(): Promise<StackUrls> {
    const adminUrl = this.#options.databaseUrl;
    // Fail fast with a clear message when the server is not there.
    await withClient(adminUrl, async (client) => {
      await client.query('SELECT 1');
    });
    const name = this.#options.databaseName ?? uniqueDatabaseName();
    await createDatabase(adminUrl, name);
    this.#created = { adminUrl, name };
    return {
      databaseUrl: withDatabase(adminUrl, name),
      adminUrl,
      ...(this.#options.redisUrl ? { redisUrl: this.#options.redisUrl } : {}),
    };
  }

  async down(): Promise<void> {
    const created = this.#created;
    this.#created = undefined;
    if (created) await dropDatabase(created.adminUrl, created.name);
  }
}
