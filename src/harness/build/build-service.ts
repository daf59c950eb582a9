/**
 * Compiles the service into dist/ (`tsc -p tsconfig.build.json`), copies the files it reads at run
 * time (the SQL migrations: every file under src/service that is not TypeScript), and records the
 * hash of the sources it was built from (service-build-info.ts). dist/ is emptied first, so a
 * module deleted from the sources is not left behind.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { HarnessError } from '../../core/errors.js';
import { buildInfoPath, hashServiceSources, listFiles, packageRoot, type BuildInfo } from './service-build-info.js';

function compile(root: string): Promise<void> {
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new HarnessError(
            'SERVICE_NOT_BUILT',
            `tsc -p tsconfig.build.json failed (${signal ?? `exit ${code}`}); dist/ is left without build-info.json`,
          ),
        );
    });
  });
}

/** Builds the service under `root` (default: this package) and returns the recorded build info. */
export async function buildService(root: string = packageRoot): Promise<BuildInfo> {
  // Hashed before compiling: a file edited while tsc runs leaves the build stale, never wrongly fresh.
  const sourceHash = await hashServiceSources(root);
  const dist = join(root, 'dist');
  await rm(dist, { recursive: true, force: true });
  await compile(root);
  const sources = join(root, 'src');
  for (const file of await listFiles(join(sources, 'service'))) {
    if (file.endsWith('.ts')) continue;
    const target = join(dist, relative(sources, file));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
  }
  const info: BuildInfo = { sourceHash };
  await writeFile(buildInfoPath(root), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}
