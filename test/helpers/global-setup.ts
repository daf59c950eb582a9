/**
 * Starts the database server every test file shares: the embedded provider by default, or the
 * external server named by DATABASE_URL. Each test file then clones its own throwaway databases
 * from migrated templates (see database.ts), so files never see each other's rows. It first builds
 * dist/ when it is older than the service's sources.
 */
import type { TestProject } from 'vitest/node';
import { buildService } from '../../src/harness/build/build-service.js';
import { staleBuildReason } from '../../src/harness/build/service-build-info.js';
import { EmbeddedProvider } from '../../src/harness/stack/embedded-provider.js';
import { ExternalProvider } from '../../src/harness/stack/external-provider.js';
import type { StackProvider } from '../../src/harness/stack/stack-provider.js';
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withDatabase,
  withClient,
} from '../../src/core/database-admin.js';
import { migrate, schemaVariants } from '../../src/service/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance URL (database `postgres`) of the shared test server. */
    adminUrl: string;
    /** Template database names by schema variant, already migrated. */
    templates: { optimized: string; baseline: string };
    /** Which provider the suite runs on. */
    provider: 'embedded' | 'external';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The tests start the compiled service, which the harness refuses to run older than its sources.
  const stale = await staleBuildReason();
  if (stale !== undefined) {
    const building = Date.now();
    await buildService();
    process.stderr.write(`[test setup] ${stale}: built dist/ in ${Date.now() - building} ms\n`);
  }
  const external = process.env.DATABASE_URL;
  const provider: StackProvider = external
    ? new ExternalProvider({ databaseUrl: external })
    : new EmbeddedProvider({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
  const started = Date.now();
  const urls = await provider.up();
  process.stderr.write(`[test setup] ${provider.name} PostgreSQL up in ${Date.now() - started} ms\n`);

  const templates = { optimized: uniqueDatabaseName('rb_tmpl_opt'), baseline: uniqueDatabaseName('rb_tmpl_base') };
  for (const variant of schemaVariants) {
    const name = templates[variant];
    await createDatabase(urls.adminUrl, name);
    await withClient(withDatabase(urls.adminUrl, name), (client) => migrate(client, variant));
  }

  project.provide('adminUrl', urls.adminUrl);
  project.provide('templates', templates);
  project.provide('provider', external ? 'external' : 'embedded');

  return async () => {
    for (const name of Object.values(templates)) await dropDatabase(urls.adminUrl, name).catch(() => undefined);
    await provider.down();
  };
}
