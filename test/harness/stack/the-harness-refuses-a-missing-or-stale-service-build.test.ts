import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  assertServiceBuilt,
  buildInfoPath,
  hashServiceSources,
  serviceEntry,
} from '../../../src/harness/build/service-build-info.js';

const root = await mkdtemp(join(tmpdir(), 'rb-build-info-'));
afterAll(() => rm(root, { recursive: true, force: true }));

it('refuses a checkout without dist/ or whose src/service changed since the build, saying to run npm run build', async () => {
  await mkdir(join(root, 'src', 'service', 'db', 'migrations'), { recursive: true });
  await writeFile(join(root, 'tsconfig.json'), '{}');
  await writeFile(join(root, 'tsconfig.build.json'), '{}');
  await writeFile(join(root, 'src', 'service', 'main.ts'), 'export {};\n');
  await writeFile(join(root, 'src', 'service', 'db', 'migrations', '0001_core.sql'), 'SELECT 1;\n');
  const refused = { code: 'SERVICE_NOT_BUILT', exitCode: 2, message: expect.stringContaining('run `npm run build`') };

  await expect(assertServiceBuilt(root)).rejects.toMatchObject(refused);

  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(buildInfoPath(root), JSON.stringify({ sourceHash: await hashServiceSources(root) }));
  await expect(assertServiceBuilt(root)).resolves.toBe(serviceEntry(root));

  await writeFile(join(root, 'src', 'service', 'db', 'migrations', '0001_core.sql'), 'SELECT 2;\n');
  await expect(assertServiceBuilt(root)).rejects.toMatchObject({
    ...refused,
    message: expect.stringContaining('src/service has changed'),
  });
});
