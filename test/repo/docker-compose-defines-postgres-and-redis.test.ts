import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const composeFile = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));
// Under CI=true .ci/run installed docker-compose, so a missing one fails the check instead of skipping it.
const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0 || process.env.CI === 'true';
if (!hasDockerCompose) console.warn('docker-compose.yml: no docker-compose binary here (apt-get install docker-compose), so `docker-compose config` is not run; the file is checked as YAML only');

interface Service { image?: string; ports?: string[]; healthcheck?: unknown }

describe('docker-compose.yml', () => {
  it('parses as YAML and defines postgres and redis services on loopback ports, with health checks', () => {
    const compose = parse(readFileSync(composeFile, 'utf8')) as { services?: Record<string, Service> };
    const { postgres, redis } = compose.services ?? {};
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(redis?.image).toMatch(/^redis:/);
    for (const service of [postgres, redis]) {
      expect(service?.healthcheck).toBeDefined();
      for (const port of service?.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it.skipIf(!hasDockerCompose)('is accepted by `docker-compose config`', () => {
    expect(() => execFileSync('docker-compose', ['-f', composeFile, 'config', '--quiet'], { stdio: 'pipe' })).not.toThrow();
  });
});
