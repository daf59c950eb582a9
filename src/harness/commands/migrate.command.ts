/** `referral-bench migrate`: brings a database to the newest schema of one variant. */
import type { Command } from 'commander';
import { HarnessError } from '../../core/errors.js';
import { parseDatabaseUrl, redact, withClient } from '../../core/database-admin.js';
import { migrate, MigrationError, type SchemaVariant } from '../../service/index.js';
import { parseVariant } from './options.js';

export interface MigrateOptions {
  readonly databaseUrl: string;
  readonly variant: SchemaVariant;
}

/** Library form of the command: returns what was applied, throws HarnessError on failure. */
export async function runMigrate(
  options: MigrateOptions,
): Promise<{ applied: readonly number[]; currentVersion: number }> {
  parseDatabaseUrl(options.databaseUrl);
  return withClient(options.databaseUrl, async (client) => {
    try {
      return await migrate(client, options.variant);
    } catch (error: unknown) {
      if (error instanceof MigrationError) {
        throw new HarnessError(error.code, error.message, { cause: error });
      }
      // e.g. no privilege to create the ledger table: still one line, not a stack trace
      throw new HarnessError(
        'MIGRATION_FAILED',
        `cannot migrate ${redact(options.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }).catch((error: unknown) => {
    // The URL was given explicitly: a server that does not answer there is a configuration error.
    if (error instanceof HarnessError && error.code === 'DATABASE_UNREACHABLE')
      throw new HarnessError('BAD_DATABASE_URL', `--database-url: ${error.message}`, { cause: error });
    throw error;
  });
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply the schema migrations of one variant to a database (idempotent).')
    .requiredOption('--database-url <url>', 'PostgreSQL URL of the database to migrate', process.env.DATABASE_URL)
    .option(
      '--variant <variant>',
      "schema variant: optimized (the spec's indexes, materialized view, cache) or baseline",
      parseVariant,
      'optimized' as SchemaVariant,
    )
    .action(async (options: MigrateOptions) => {
      const outcome = await runMigrate(options);
      process.stderr.write(
        `migrated ${redact(options.databaseUrl)} (${options.variant}) to version ${outcome.currentVersion}; applied ${outcome.applied.length ? outcome.applied.join(', ') : 'nothing new'}\n`,
      );
    });
}
