import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { generatorResult, type Sample } from './generator-results.js';

const work = await mkdtemp(join(tmpdir(), 'rb-merge-mismatch-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const samples: Sample[] = [
  { route: 'student-profile', repetition: 0, latencyMs: 12.5 },
  { route: 'student-profile', repetition: 1, latencyMs: 20 },
];

test('merge exits 2 with RESULTS_MISMATCH naming the file whose steps differ, and writes nothing', async () => {
  const a = join(work, 'a.json');
  const b = join(work, 'b.json');
  await writeFile(a, JSON.stringify(await generatorResult('generator-a', samples, '100 users')));
  await writeFile(b, JSON.stringify(await generatorResult('generator-b', samples, '500 users')));
  const out = join(work, 'reports');

  const outcome = await runCli(['merge', a, b, '--out', out]);

  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toContain('RESULTS_MISMATCH');
  expect(outcome.stderr).toContain(`${b}: concurrent-users ran the steps 500 users where ${a} ran 100 users`);
  await expect(readdir(out)).rejects.toThrow();
});
