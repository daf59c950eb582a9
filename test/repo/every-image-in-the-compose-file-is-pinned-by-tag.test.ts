import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const composeFile = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));

interface Service {
  image?: string;
  build?: unknown;
}

it('names a tag other than latest for every image it pulls, and builds the rest from the Dockerfile', () => {
  const services = (parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, Service> }).services;
  expect(Object.keys(services)).toEqual(
    expect.arrayContaining(['postgres', 'redis', 'seed', 'service', 'prometheus', 'grafana', 'k6']),
  );
  for (const [name, service] of Object.entries(services)) {
    if (service.build !== undefined) continue;
    const tag = /^[^:@]+:([^:@]+)$/.exec(service.image ?? '')?.[1];
    expect(tag, `${name}: image ${service.image ?? '(none)'}`).toBeDefined();
    expect(tag, name).not.toBe('latest');
  }
});
