import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { withClient } from '../../../src/core/database-admin.js';
import { DockerProvider } from '../../../src/harness/stack/docker-provider.js';
import { docker } from './docker-availability.js';

describe('the docker provider', () => {
  it.skipIf(!docker.available)(
    'starts PostgreSQL and Redis containers that answer, and stops them on down()',
    { timeout: 300_000 },
    async () => {
      // The servers alone: the service image has a test of its own.
      const provider = new DockerProvider({ withService: false });
      const urls = await provider.up();
      try {
        const { rows } = await withClient(urls.databaseUrl, (client) =>
          client.query<{ one: number }>('SELECT 1 AS one'),
        );
        expect(rows).toEqual([{ one: 1 }]);
        const redis = new Redis(urls.redisUrl ?? '');
        try {
          expect(await redis.ping()).toBe('PONG');
        } finally {
          redis.disconnect();
        }
      } finally {
        await provider.down();
      }
      await expect(withClient(urls.databaseUrl, (client) => client.query('SELECT 1'), 2000)).rejects.toMatchObject({
        code: 'DATABASE_UNREACHABLE',
      });
    },
  );
});
