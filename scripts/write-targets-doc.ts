/** Rewrites docs/targets.md from the target data: `npx tsx scripts/write-targets-doc.ts`. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTargetsDoc, targetsDocPath } from '../src/harness/report/targets-doc.renderer.js';

await writeFile(fileURLToPath(new URL(`../${targetsDocPath}`, import.meta.url)), renderTargetsDoc());
process.stderr.write(`wrote ${targetsDocPath}\n`);
