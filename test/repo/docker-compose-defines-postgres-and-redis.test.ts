import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const composeFile = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));
// Under CI=true .ci/run installed docker-compose, so a missing one fails the check instead of skipping it.
const hasDockerCompose =
  spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0 || process.env.CI === 'true';
if (!hasDockerCompose)
  console.warn(
    'docker-compose.yml: no docker-compose binary here (apt-get install docker-compose), so `docker-compose config` is not run; the file is checked as YAML only',
  );

interface Service {
  image?: string;
  ports?: string[];
  healthcheck?: unknown;
  command?: string[];
}

describe('docker-compose.yml', () => {
  it('parses as YAML and defines postgres (with pg_stat_statements) and redis services with health checks, every port on loopback', () => {
    const compose = parse(readFileSync(composeFile, 'utf8')) as { services?: Record<string, Service> };
    const { postgres, redis } = compose.services ?? {};
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(postgres?.command).toContain('shared_preload_libraries=pg_stat_statements');
    expect(redis?.image).toMatch(/^redis:/);
    for (const service of [postgres, redis]) expect(service?.healthcheck).toBeDefined();
    for (const service of Object.values(compose.services ?? {})) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it.skipIf(!hasDockerCompose)(
    'is accepted by `docker-compose config`, with the k6 profile too, and with no variable set',
    () => {
      const env = { ...process.env };
      for (const name of Object.keys(env))
        if (name.startsWith('REFERRAL_BENCH_') || name.startsWith('K6_')) delete env[name];
      for (const profile of [[], ['--profile', 'k6']]) {
        expect(() =>
          execFileSync('docker-compose', ['-f', composeFile, ...profile, 'config', '--quiet'], { stdio: 'pipe', env }),
        ).not.toThrow();
      }
    },
  );
});
