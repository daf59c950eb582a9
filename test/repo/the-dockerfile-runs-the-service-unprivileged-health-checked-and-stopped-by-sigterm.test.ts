import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readDockerfile } from '../helpers/dockerfile.js';

const stages = readDockerfile(fileURLToPath(new URL('../../Dockerfile', import.meta.url)));

it('ends with the service stage: the compiled entry, run as a non-root user, health-checked on /health, stopped by SIGTERM', () => {
  const runtime = stages.at(-1);
  const last = (keyword: string) => runtime?.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
  expect(runtime?.name).toBe('runtime');
  expect(last('CMD')).toBe('["node", "dist/service/main.js"]');
  expect(last('USER')).toBeDefined();
  expect(last('USER')).not.toMatch(/^(root|0)(:|$)/);
  expect(last('HEALTHCHECK')).toMatch(/\/health\b/);
  expect(last('STOPSIGNAL')).toBe('SIGTERM');
});
