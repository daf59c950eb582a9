import { describe, expect, it } from 'vitest';
import { DockerProvider } from '../../../src/harness/stack/docker-provider.js';
import { docker } from './docker-availability.js';

describe('the docker provider', () => {
  it.skipIf(docker.available)(
    'fails with PROVIDER_UNAVAILABLE and a usable hint where no Docker engine answers',
    async () => {
      const provider = new DockerProvider();
      await expect(provider.up()).rejects.toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        message: expect.stringMatching(
          /^docker provider: no Docker engine answers .*; use --provider embedded or external$/,
        ),
      });
      await provider.down();
    },
  );
});
