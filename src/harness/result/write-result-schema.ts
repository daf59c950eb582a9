/** Rewrites schemas/result.schema.json from the TypeBox source: `npx tsx src/harness/result/write-result-schema.ts`. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resultJsonSchemaText, resultSchemaPath } from './result-json-schema.js';

const target = fileURLToPath(new URL(`../../../${resultSchemaPath}`, import.meta.url));
await writeFile(target, resultJsonSchemaText());
process.stderr.write(`wrote ${resultSchemaPath}\n`);
