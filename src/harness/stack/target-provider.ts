/**
 * A deployed target's stack (--target-url): its database exists and its service runs; the run
 * starts nothing and drops nothing. Load and seeding go to what the user named.
 */
import { withClient } from '../../core/database-admin.js';
import type { StackProvider, StackUrls } from './stack-provider.js';

export class TargetProvider implements StackProvider {
  readonly name = 'external' as const;
  readonly #databaseUrl: string;

  /** @param databaseUrl the database the deployed service uses. */
  constructor(databaseUrl: string) {
    this.#databaseUrl = databaseUrl;
  }

  async up(): Promise<StackUrls> {
    // Fail fast with a clear message when the database is not there.
    await withClient(this.#databaseUrl, async (client) => {
      await client.query('SELECT 1');
    });
    return { databaseUrl: this.#databaseUrl, adminUrl: this.#databaseUrl };
  }

  async down(): Promise<void> {
    // Nothing was started or created.
  }
}
