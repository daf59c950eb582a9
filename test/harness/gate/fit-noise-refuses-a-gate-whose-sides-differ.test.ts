import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { fixtureReport } from './gate-report-fixture.js';

test('fit-noise refuses a gate report whose sides were different revisions: its differences are not noise', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fit-noise-'));
  const path = join(dir, 'gate.json');
  await writeFile(path, JSON.stringify({ ...fixtureReport, aa: false }));

  const { code, stdout, stderr } = await runCli(['fit-noise', path]);

  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain('RESULT_INVALID');
  expect(stderr).toContain('not an A/A gate');
});
