import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readDockerfile, type Stage } from '../helpers/dockerfile.js';

const stages = readDockerfile(fileURLToPath(new URL('../../Dockerfile', import.meta.url)));
const byName = (name: string | undefined): Stage | undefined => stages.find((stage) => stage.name === name);
const runs = (stage: Stage | undefined) =>
  stage?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args) ?? [];

it('builds with dev dependencies in one stage and gives the final stage node_modules from a production-only install', () => {
  expect(runs(byName('build')).some((run) => /\bnpm run build\b/.test(run))).toBe(true);

  const runtime = stages.at(-1);
  expect(runs(runtime).filter((run) => /\bnpm (ci|install|i)\b/.test(run))).toEqual([]);
  const copies = runtime?.instructions.filter((i) => i.keyword === 'COPY' && /node_modules/.test(i.args)) ?? [];
  expect(copies).toHaveLength(1);
  const source = byName(/--from=(\S+)/.exec(copies[0]?.args ?? '')?.[1]);
  const installs = runs(source).filter((run) => /\bnpm ci\b/.test(run));
  expect(installs).toHaveLength(1);
  expect(installs[0]).toMatch(/--omit=dev\b/);
  expect(
    runtime?.instructions.filter((i) => i.keyword === 'COPY' && /--from=build\b/.test(i.args)).map((i) => i.args),
  ).toEqual(['--from=build /app/dist ./dist']);
});
