/**
 * `npm run build`: compiles the service into dist/ (src/harness/build/build-service.ts).
 * `--unless-production-install` (the `prepare` script, which `npm ci` runs) skips, saying so, when
 * TypeScript is not installed: an install without dev dependencies cannot build and must not fail.
 */
import { createRequire } from 'node:module';
import { buildService } from '../src/harness/build/build-service.js';
import { HarnessError } from '../src/core/errors.js';

function hasCompiler(): boolean {
  try {
    createRequire(import.meta.url).resolve('typescript/bin/tsc');
    return true;
  } catch {
    return false;
  }
}

if (process.argv.includes('--unless-production-install') && !hasCompiler()) {
  process.stderr.write(
    'build: skipped: TypeScript is not installed (an install without dev dependencies); dist/ is not built\n',
  );
} else {
  try {
    const info = await buildService();
    process.stderr.write(`build: dist/service built from sources ${info.sourceHash.slice(0, 12)}\n`);
  } catch (error: unknown) {
    process.stderr.write(
      `build: ${error instanceof HarnessError ? `${error.code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
