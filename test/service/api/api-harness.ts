/** Builds the service app on a throwaway database for API tests, with tokens signed in-test. */
import { afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/service/app.js';
import { MemoryCache } from '../../../src/service/cache/memory-cache.js';
import { resolveServiceConfig, type ServiceConfigInput } from '../../../src/service/config.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import type { SchemaVariant } from '../../../src/service/db/migrator.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import type { StudentFixture } from '../../helpers/fixtures.js';

export const tokenSecret = 'api-test-secret-0123456789abcdef';
const codec = createTokenCodec(tokenSecret);

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly db: TestDatabase;
  readonly cache: MemoryCache;
}

/** A migrated database of `variant` and an app on it (in-memory cache), both gone after the file. */
export async function startApi(
  variant: SchemaVariant = 'optimized',
  overrides: Partial<ServiceConfigInput> = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase(variant);
  const cache = new MemoryCache();
  const config = resolveServiceConfig({
    databaseUrl: db.url,
    tokenSecret,
    logLevel: 'silent',
    pool: { min: 0 },
    ...overrides,
  });
  const app = await buildApp(config, { cache });
  afterAll(async () => {
    await app.close();
    await cache.close();
  });
  return { app, db, cache };
}

/** `Authorization` header of an admin of `organizationId`. */
export function adminAuth(organizationId: string, expiresInSeconds = 600): { authorization: string } {
  return {
    authorization: `Bearer ${codec.sign({ organizationId, role: 'admin', studentId: undefined }, expiresInSeconds)}`,
  };
}

/** `Authorization` header of `student`. */
export function studentAuth(student: StudentFixture, expiresInSeconds = 600): { authorization: string } {
  return {
    authorization: `Bearer ${codec.sign({ organizationId: student.organizationId, role: 'student', studentId: student.id }, expiresInSeconds)}`,
  };
}
