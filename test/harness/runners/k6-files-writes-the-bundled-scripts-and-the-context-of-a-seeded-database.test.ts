import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { k6EntryScripts } from '../../../src/harness/runners/k6-bundle.js';
import { k6StepLimits, writeK6Files } from '../../../src/harness/runners/k6-files.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';

const out = await mkdtemp(join(tmpdir(), 'rb-k6-files-'));
afterAll(() => rm(out, { recursive: true, force: true }));

test("k6-files writes every k6 entry script bundled, each step's limits and a context of the database's organizations with tokens the service accepts", async () => {
  const db = await createTestDatabase('optimized');
  const org = await createOrganization(db.pool);
  const student = await createStudent(db.pool, org.id);
  await createReferral(db.pool, student);
  const tokenSecret = 'k6-files-test-secret';

  const files = await writeK6Files({ databaseUrl: db.url, tokenSecret, expiresInSeconds: 600, out });

  expect(files.map((file) => basename(file)).sort()).toEqual(
    [...k6EntryScripts().map((entry) => basename(entry).replace(/\.ts$/, '.js')), 'context.json', 'limits.json'].sort(),
  );
  expect(JSON.parse(await readFile(join(out, 'limits.json'), 'utf8'))).toEqual(await k6StepLimits());
  expect(await readFile(join(out, 'concurrent-users.js'), 'utf8')).toContain('export');
  const context = JSON.parse(await readFile(join(out, 'context.json'), 'utf8')) as ScenarioContext;
  expect(context.organizations.map((organization) => organization.id)).toEqual([org.id]);
  const codec = createTokenCodec(tokenSecret);
  expect(codec.verify(context.organizations[0]?.adminToken ?? '')).toMatchObject({
    organizationId: org.id,
    role: 'admin',
  });
  expect(context.organizations[0]?.students.map((one) => codec.verify(one.token))).toEqual([
    expect.objectContaining({ studentId: student.id, role: 'student' }),
  ]);
});
