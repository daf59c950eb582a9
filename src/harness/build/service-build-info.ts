/**
 * Whether `dist/` holds the build of the service sources beside it. `npm run build` records a hash
 * of everything the build reads (src/service and the tsconfig files) in dist/build-info.json; the
 * harness compares it before it starts the compiled service, so a benchmark never measures old code.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../../core/errors.js';

/** The package root of the running harness, whose dist/ it runs by default. */
export const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What `npm run build` writes beside the compiled files. */
export interface BuildInfo {
  /** sha256 of the build's inputs (sourceHash). */
  readonly sourceHash: string;
}

/** The compiled service's process entry under a package root. */
export function serviceEntry(root: string = packageRoot): string {
  return join(root, 'dist', 'service', 'main.js');
}

export function buildInfoPath(root: string = packageRoot): string {
  return join(root, 'dist', 'build-info.json');
}

/** The files the build reads besides src/service. */
const configFiles = ['tsconfig.json', 'tsconfig.build.json'];

/** Every file under `dir`, at any depth. */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** sha256 over the build's inputs: each file's path (relative, with `/`) and bytes, in path order. */
export async function hashServiceSources(root: string = packageRoot): Promise<string> {
  const files = [...(await listFiles(join(root, 'src', 'service'))), ...configFiles.map((file) => join(root, file))]
    .map((path) => ({ path, name: relative(root, path).split(sep).join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = await readFile(file.path);
    hash.update(`${file.name}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

async function readBuildInfo(root: string): Promise<BuildInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(buildInfoPath(root), 'utf8')) as Partial<BuildInfo>;
    return typeof info.sourceHash === 'string' ? { sourceHash: info.sourceHash } : undefined;
  } catch {
    return undefined;
  }
}

/** Why the build under `root` cannot be run, or undefined when it matches its sources. */
export async function staleBuildReason(root: string = packageRoot): Promise<string | undefined> {
  const info = await readBuildInfo(root);
  if (info === undefined) return `${buildInfoPath(root)} is missing or unreadable: the service has not been built`;
  if (info.sourceHash !== (await hashServiceSources(root))) return 'src/service has changed since dist/ was built';
  return undefined;
}

/**
 * The compiled service's entry under `root`; throws SERVICE_NOT_BUILT, saying to run
 * `npm run build`, when dist/ is missing or older than the sources.
 */
export async function assertServiceBuilt(root: string = packageRoot): Promise<string> {
  const reason = await staleBuildReason(root);
  if (reason !== undefined) {
    throw new HarnessError(
      'SERVICE_NOT_BUILT',
      `${reason}; run \`npm run build\` in ${root} so the compiled service matches its sources`,
    );
  }
  return serviceEntry(root);
}
