/** `npm run build`: compiles the service into dist/ (src/harness/build/build-service.ts). */
import { buildService } from '../src/harness/build/build-service.js';
import { HarnessError } from '../src/harness/errors.js';

try {
  const info = await buildService();
  process.stderr.write(`build: dist/service built from sources ${info.sourceHash.slice(0, 12)}\n`);
} catch (error: unknown) {
  process.stderr.write(`build: ${error instanceof HarnessError ? `${error.code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
