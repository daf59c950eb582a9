import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readServiceEnvironment, serviceVariables } from '../../../src/service/environment.js';
import {
  networkAliases,
  serviceContainerDefinition,
  serviceImageTarget,
} from '../../../src/harness/stack/service-container.js';
import { readDockerfile } from '../../helpers/dockerfile.js';

const root = new URL('../../../', import.meta.url);
const stages = readDockerfile(fileURLToPath(new URL('Dockerfile', root)));
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as {
  services: Record<string, { image?: string; build?: { target?: string }; environment?: Record<string, string> }>;
};

const runDatabase = 'postgres://postgres:referral-bench@localhost:49153/rb_run_opti_abc123';
const definition = serviceContainerDefinition({
  databaseUrl: runDatabase,
  withRedis: true,
  workers: 2,
  tokenSecret: 'a-secret-of-sixteen-or-more',
});

describe("the docker provider's service container", () => {
  it('is the image the compose file builds from the same Dockerfile stage, which exposes its port', () => {
    const service = compose.services.service;
    expect(definition.image).toBe(service?.image);
    expect(serviceImageTarget).toBe(service?.build?.target);
    const stage = stages.find((candidate) => candidate.name === serviceImageTarget);
    expect(stage, `a Dockerfile stage named ${serviceImageTarget}`).toBeDefined();
    const exposed = stage?.instructions.filter((instruction) => instruction.keyword === 'EXPOSE').map((i) => i.args);
    expect(exposed).toEqual([String(definition.containerPort)]);
  });

  it('reaches the run database and Redis by the names the compose file gives them, on their own ports', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(Object.values(networkAliases)));
    const database = new URL(definition.environment[serviceVariables.databaseUrl] ?? '');
    expect(database.hostname).toBe(networkAliases.postgres);
    expect(database.port).toBe('5432');
    // The run's database, with the credentials the harness uses: only the address changes.
    expect(database.pathname).toBe('/rb_run_opti_abc123');
    expect([database.username, database.password]).toEqual(['postgres', 'referral-bench']);
    expect(definition.environment[serviceVariables.redisUrl]).toBe(`redis://${networkAliases.redis}:6379`);
    expect(compose.services.service?.environment?.REDIS_URL).toBe(`redis://${networkAliases.redis}:6379`);
  });

  it("sets only the service's own variables, and the service's own reader accepts them as the image runs it", () => {
    const known = new Set<string>(Object.values(serviceVariables));
    for (const name of Object.keys(definition.environment)) expect(known.has(name), name).toBe(true);
    const startup = readServiceEnvironment({ ...definition.environment, NODE_ENV: 'production' });
    expect(startup.host).toBe('0.0.0.0');
    expect(startup.config.port).toBe(definition.containerPort);
    expect(startup.config.workers).toBe(2);
  });

  it('carries the settings a scenario asks for: the referral feature off, no Redis where the stack has none', () => {
    const before = serviceContainerDefinition({
      databaseUrl: runDatabase,
      withRedis: false,
      workers: 1,
      tokenSecret: 'a-secret-of-sixteen-or-more',
      referrals: false,
    });
    expect(before.environment[serviceVariables.referralsEnabled]).toBe('false');
    expect(before.environment[serviceVariables.redisUrl]).toBeUndefined();
    expect(definition.environment[serviceVariables.referralsEnabled]).toBeUndefined();
  });

  it('is published on loopback only and ready once GET /health answers', () => {
    expect(definition.hostIp).toBe('127.0.0.1');
    expect(definition.healthPath).toBe('/health');
    expect(definition.startupTimeoutMs).toBeGreaterThan(0);
  });
});
