import { describe, expect, it } from 'vitest';
import { withClient } from '../../../src/core/database-admin.js';
import { migrate } from '../../../src/service/index.js';
import { DockerProvider } from '../../../src/harness/stack/docker-provider.js';
import { serviceImage } from '../../../src/harness/stack/service-container.js';
import { docker } from './docker-availability.js';

// Needs a Docker engine (the image is built from this checkout's Dockerfile): skipped, saying
// why, where none answers. Not run on the machine this was written on, which has no engine.
describe('the docker provider', () => {
  it.skipIf(!docker.available)(
    'builds the service image and runs it on a migrated run database, answering /health on loopback until stopped',
    { timeout: 900_000 },
    async () => {
      const provider = new DockerProvider();
      const urls = await provider.up();
      try {
        expect(provider.serviceImage).toBe(serviceImage);
        await withClient(urls.databaseUrl, (client) => migrate(client, 'optimized'));
        const service = await provider.startService({
          databaseUrl: urls.databaseUrl,
          workers: 1,
          tokenSecret: 'a-secret-of-sixteen-or-more',
        });
        expect(new URL(service.url).hostname).toBe('127.0.0.1');
        expect(service.pid).toBeUndefined();
        const health = await fetch(new URL('/health', service.url));
        expect(health.status).toBe(200);
        await service.stop();
        await expect(fetch(new URL('/health', service.url), { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
      } finally {
        await provider.down();
      }
    },
  );
});
