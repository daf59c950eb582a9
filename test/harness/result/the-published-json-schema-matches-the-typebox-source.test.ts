import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { resultJsonSchemaText, resultSchemaPath } from '../../../src/harness/result/result-json-schema.js';

describe('schemas/result.schema.json', () => {
  it('is exactly the TypeBox source (regenerate: npx tsx src/harness/result/write-result-schema.ts)', async () => {
    const published = await readFile(new URL(`../../../${resultSchemaPath}`, import.meta.url), 'utf8');
    expect(published).toBe(resultJsonSchemaText());
  });
});
