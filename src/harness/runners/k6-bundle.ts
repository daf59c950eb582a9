/**
 * Bundles scenarios/k6/*.ts with esbuild into plain JavaScript (scenarios/k6/dist), so the
 * scripts run on k6 versions without native TypeScript (before 0.57) as well.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const k6Directory = fileURLToPath(new URL('../../../scenarios/k6/', import.meta.url));

/** Where bundles go by default. */
export const k6DistDirectory = join(k6Directory, 'dist');

/** The entry scripts: every .ts directly in scenarios/k6 (lib/ and declarations excluded). */
export function k6EntryScripts(): string[] {
  return readdirSync(k6Directory)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(k6Directory, file));
}

/**
 * Builds one bundle per entry script; k6's own modules stay imports.
 * @param outDir @default scenarios/k6/dist
 * @returns the bundles' paths
 */
export async function buildK6Bundles(outDir: string = k6DistDirectory): Promise<string[]> {
  const entryPoints = k6EntryScripts();
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2017',
    external: ['k6', 'k6/*'],
    logLevel: 'silent',
  });
  return entryPoints.map((entry) => join(outDir, entry.slice(k6Directory.length).replace(/\.ts$/, '.js')));
}
