import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readDockerfile } from '../helpers/dockerfile.js';

const stages = readDockerfile(fileURLToPath(new URL('../../Dockerfile', import.meta.url)));

it('starts every stage from an image pinned by tag, adds nothing from a URL and bakes in no secret', () => {
  const names = new Set(stages.map((stage) => stage.name));
  for (const stage of stages) {
    if (names.has(stage.from)) continue;
    expect(stage.from, 'pinned by tag').toMatch(/^[^:@]+:(?!latest$)[^:@]+$/);
  }
  const all = stages.flatMap((stage) => stage.instructions);
  expect(all.filter((i) => i.keyword === 'ADD' && /\b(https?|git|ftp):\/\//.test(i.args))).toEqual([]);
  const secretNames = /\b\w*(SECRET|PASSWORD|TOKEN|DATABASE_URL)\w*\s*=/i;
  expect(all.filter((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && secretNames.test(i.args))).toEqual([]);
});
