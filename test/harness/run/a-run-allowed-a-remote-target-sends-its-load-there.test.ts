import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../../../src/harness/stack/service-process.js';
import { createTestDatabase } from '../../helpers/database.js';
import { runCli } from '../cli/run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'rb-remote-run-'));
const secret = 'remote-target-secret-0123456789abcdef';
let service: ServiceProcess | undefined;
afterAll(async () => {
  await service?.stop();
  rmSync(out, { recursive: true, force: true });
});

// 0.0.0.0 is not a loopback name, so the run treats the target as another host and needs
// --allow-remote; on Linux a connection to it reaches this machine's own listener, so the load
// can be checked without a second host.
it('loads a target that is not a loopback name once --allow-remote says so', async () => {
  const db = await createTestDatabase('optimized');
  service = await startServiceProcess({ databaseUrl: db.url, tokenSecret: secret });
  const target = service.url.replace('127.0.0.1', '0.0.0.0');

  const { code, stdout, stderr } = await runCli(
    [
      'run',
      '--profile',
      'smoke',
      '--scenario',
      'open-model',
      '--repeat',
      '1',
      '--until-decided',
      '0',
      '--target-url',
      target,
      '--database-url',
      db.url,
      '--allow-remote',
      '--out',
      out,
      '--quiet',
    ],
    { REFERRAL_BENCH_TOKEN_SECRET: secret },
    180_000,
  );
  expect([0, 1, 3], `exit ${code}\n${stderr}`).toContain(code);
  const dir = stdout.trim().split('\n').at(-1) ?? '';
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as {
    environment: { target?: { url: string; remote: boolean } };
    scenarios: { name: string; state: string; error?: string; steps: { load?: { requests: { total: number } } }[] }[];
  };
  expect(result.environment.target).toMatchObject({ url: target, remote: true });
  const [openModel] = result.scenarios;
  expect([openModel?.name, openModel?.state, openModel?.error]).toEqual(['open-model', 'completed', undefined]);
  expect(openModel?.steps.reduce((sum, step) => sum + (step.load?.requests.total ?? 0), 0)).toBeGreaterThan(0);
}, 240_000);
