import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

// A socket path nothing listens on: the engine DOCKER_HOST names is not there.
const scratch = mkdtempSync(join(tmpdir(), 'rb-docker-host-'));
process.env.DOCKER_HOST = `unix://${join(scratch, 'docker.sock')}`;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('fails with PROVIDER_UNAVAILABLE, before building or starting anything, when DOCKER_HOST is a closed socket', async () => {
  const { DockerProvider } = await import('../../../src/harness/stack/docker-provider.js');
  const provider = new DockerProvider();
  const started = performance.now();
  await expect(provider.up()).rejects.toMatchObject({
    name: 'HarnessError',
    code: 'PROVIDER_UNAVAILABLE',
    message: expect.stringMatching(
      /^docker provider: no Docker engine answers at DOCKER_HOST, .*; use --provider embedded or external$/,
    ),
  });
  expect(performance.now() - started).toBeLessThan(15_000);
  expect(provider.serviceImage).toBeUndefined();
  await provider.down();
});
