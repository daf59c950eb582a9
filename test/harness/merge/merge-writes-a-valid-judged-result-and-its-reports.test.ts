import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { runCli } from '../cli/run-cli.js';
import { generatorResult, type Sample } from './generator-results.js';

const work = await mkdtemp(join(tmpdir(), 'rb-merge-cli-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const samples = (latencies: readonly number[]): Sample[] =>
  latencies.map((latencyMs, index) => ({ route: 'student-profile', repetition: index % 2, latencyMs }));

test("merge writes the four report files of a result that validates, counts every generator's requests and exits with its verdict", async () => {
  const first = await generatorResult('generator-a', samples([3, 5, 8, 13]));
  const second = await generatorResult('generator-b', samples([2, 4, 6]));
  const files = [join(work, 'a.json'), join(work, 'b.json')];
  await writeFile(files[0] as string, JSON.stringify(first));
  await writeFile(files[1] as string, JSON.stringify(second));
  const out = join(work, 'reports');

  const outcome = await runCli(['merge', ...files, '--out', out]);

  const dir = join(out, `${first.runId}-merged`);
  expect((await readdir(dir)).sort()).toEqual(['index.html', 'junit.xml', 'result.json', 'summary.md']);
  const validation = validateResult(JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')));
  expect(validation.valid, JSON.stringify(validation)).toBe(true);
  if (!validation.valid) return;
  const load = validation.result.scenarios[0]?.steps[0]?.load;
  expect(load?.requests.total).toBe(
    (first.scenarios[0]?.steps[0]?.load?.requests.total ?? 0) +
      (second.scenarios[0]?.steps[0]?.load?.requests.total ?? 0),
  );
  expect(outcome.code).toBe(validation.result.exitCode);
});
