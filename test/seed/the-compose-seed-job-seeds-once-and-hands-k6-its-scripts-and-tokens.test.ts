import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import type { ScenarioContext } from '../../scenarios/scenario-context.js';
import { createTokenCodec } from '../../src/service/index.js';
import { createEmptyDatabase } from '../helpers/database.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const k6Dir = await mkdtemp(join(tmpdir(), 'rb-seed-stack-'));
afterAll(() => rm(k6Dir, { recursive: true, force: true }));
const databaseUrl = await createEmptyDatabase();
const tokenSecret = 'seed-stack-secret-0123456789';

function job(): Promise<{ code: number | null; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REFERRAL_BENCH_TOKEN_SECRET: tokenSecret,
    SEED_REFERRALS: '1k',
    K6_DIR: k6Dir,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts', 'seed-stack.ts')],
      { cwd: root, env, timeout: 120_000 },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });
}

it('migrates and seeds an empty database, keeps it on a second run, and writes every k6 script and a context of valid tokens', async () => {
  const first = await job();
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(/1000 referrals seeded/);
  const second = await job();
  expect(second.code, second.stderr).toBe(0);
  expect(second.stderr).toMatch(/already holds this dataset \(1000 referrals, checksum [0-9a-f]+\): kept as it is/);

  const scripts = (await readdir(join(root, 'scenarios', 'k6'))).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
  );
  expect((await readdir(join(k6Dir, 'scripts'))).sort()).toEqual(
    scripts.map((file) => file.replace(/\.ts$/, '.js')).sort(),
  );
  const context = JSON.parse(await readFile(join(k6Dir, 'context.json'), 'utf8')) as ScenarioContext;
  expect(context.organizations.length).toBeGreaterThan(0);
  const codec = createTokenCodec(tokenSecret);
  for (const organization of context.organizations) {
    expect(codec.verify(organization.adminToken)).toMatchObject({ organizationId: organization.id, role: 'admin' });
  }
});
