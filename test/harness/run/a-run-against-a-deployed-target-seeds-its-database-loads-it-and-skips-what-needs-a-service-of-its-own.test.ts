import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { startServiceProcess, type ServiceProcess } from '../../../src/harness/stack/service-process.js';
import { createTestDatabase } from '../../helpers/database.js';
import { runCli } from '../cli/run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'rb-target-run-'));
const secret = 'deployed-target-secret-0123456789abcdef';
let service: ServiceProcess | undefined;
afterAll(async () => {
  await service?.stop();
  rmSync(out, { recursive: true, force: true });
});

/** How many requests the service counted on `route`, from its own /metrics. */
async function served(url: string, route: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^referral_service_http_request_duration_seconds_count\{([^}]*)\} (\d+)/gm)]
    .filter((match) => match[1]?.includes(`route="${route}"`))
    .reduce((sum, match) => sum + Number(match[2]), 0);
}

// A service started outside the run, as a deployment would be: the run seeds the database it
// uses, sends its load there and nowhere else, and skips the scenario that restarts the service.
it("seeds a deployed target's database, loads the target, names it in the report and skips integration-impact saying why", async () => {
  const db = await createTestDatabase('optimized');
  service = await startServiceProcess({ databaseUrl: db.url, tokenSecret: secret });
  const before = await served(service.url, '/students/:studentId/profile');

  const { code, stdout, stderr } = await runCli(
    [
      'run',
      '--profile',
      'smoke',
      '--scenario',
      'operations',
      'integration-impact',
      '--repeat',
      '2',
      '--target-url',
      service.url,
      '--database-url',
      db.url,
      '--generator',
      '1/1',
      '--out',
      out,
      '--quiet',
    ],
    { REFERRAL_BENCH_TOKEN_SECRET: secret },
    240_000,
  );
  expect([0, 1, 3], `exit ${code}\n${stderr}`).toContain(code);
  const dir = stdout.trim().split('\n').at(-1) ?? '';
  const validation = validateResult(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')));
  expect(validation.valid ? [] : validation.errors).toEqual([]);
  if (!validation.valid) return;
  const result = validation.result;
  if (code === 3) expect(result.generatorBottleneck.bottleneck, stderr).toBe(true);

  expect(result.environment.target).toEqual({ url: service.url, remote: false, generator: { index: 1, count: 1 } });
  // Its workers and caches are its own: the result claims none of them.
  expect(result.environment.cacheKind).toBe('unknown');
  expect(result.environment.serviceWorkers).toBeUndefined();
  const [operations, impact] = result.scenarios;
  expect(operations?.state).toBe('completed');
  expect(impact).toMatchObject({ name: 'integration-impact', state: 'skipped' });
  expect(impact?.reason).toMatch(/needs a service of its own \(it restarts the service/);
  for (const row of result.targets.filter((target) => target.scenario === 'integration-impact'))
    expect(row.verdict).toBe('not-measured');

  // The dataset went into the target's database, named in its comment, and the load reached the target.
  const {
    rows: [seeded],
  } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM student_referrals');
  expect(Number(seeded?.n)).toBeGreaterThanOrEqual(10_000);
  expect(result.datasets.map((dataset) => dataset.referrals)).toEqual([10_000]);
  // Seeded in place by this run, then loaded: its checksum is what it was seeded as.
  expect(result.datasets.map((dataset) => dataset.inPlace)).toEqual([{ seededThisRun: true }]);
  const profileRequests = operations?.steps.find((step) => step.label === 'student-profile')?.load?.requests.total ?? 0;
  expect(profileRequests).toBeGreaterThan(0);
  expect((await served(service.url, '/students/:studentId/profile')) - before).toBeGreaterThanOrEqual(profileRequests);

  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(summary).toContain(`Target: ${service.url}, deployed`);
  expect(summary).toMatch(/seeded as checksum \S+ by this run; used in place in the target's database/);
  expect(summary).toMatch(/> Skipped integration-impact: needs a service of its own/);
}, 300_000);
