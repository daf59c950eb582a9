import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { validateResult } from '../../../src/harness/result/validate-result.js';

const fixture = JSON.parse(
  await readFile(new URL('../../fixtures/result-quick.json', import.meta.url), 'utf8'),
) as unknown;

describe('the stored quick-profile result fixture', () => {
  it('validates with validateResult', () => {
    expect(validateResult(fixture)).toMatchObject({ valid: true });
  });

  it('validates against the published JSON Schema file, read by a fresh validator', async () => {
    const schema = JSON.parse(
      await readFile(new URL('../../../schemas/result.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(fixture), JSON.stringify(validate.errors)).toBe(true);
  });
});
