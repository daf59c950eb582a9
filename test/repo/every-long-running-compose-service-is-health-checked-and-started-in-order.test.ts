import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const composeFile = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));

type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';
interface Service {
  healthcheck?: { test?: unknown };
  restart?: string;
  depends_on?: Record<string, { condition?: Condition }> | string[];
}

const services = (parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, Service> }).services;
/** One-shot services: they run to completion and are never restarted. */
const oneShots = Object.keys(services).filter((name) => services[name]?.restart === 'no');

it('gives every service a health check unless it is a one-shot, and starts each after what it needs is healthy or done', () => {
  expect(oneShots.sort()).toEqual(['k6', 'seed']);
  for (const [name, service] of Object.entries(services)) {
    if (!oneShots.includes(name)) expect(service.healthcheck?.test, `${name} has no health check`).toBeDefined();
    expect(Array.isArray(service.depends_on), `${name}: depends_on without conditions`).toBe(false);
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      const expected = oneShots.includes(dependency) ? 'service_completed_successfully' : 'service_healthy';
      expect(condition, `${name} -> ${dependency}`).toBe(expected);
    }
  }
  expect(services.service?.depends_on).toMatchObject({ seed: { condition: 'service_completed_successfully' } });
});
