import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';

const text = await readFile(new URL('../../fixtures/result-quick.json', import.meta.url), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the test breaks arbitrary fields

const cases: [string, (result: Json) => void, string][] = [
  [
    'a wrong schema version',
    (r) => {
      r.schemaVersion = 1;
    },
    '/schemaVersion: must be equal to constant',
  ],
  [
    'an unknown scenario state',
    (r) => {
      r.scenarios[1].state = 'done';
    },
    '/scenarios/1/state: must be one of completed, errored, interrupted, skipped',
  ],
  [
    'a missing environment field',
    (r) => {
      delete r.environment.seed;
    },
    '/environment/seed: is required',
  ],
  [
    'an unknown top-level field',
    (r) => {
      r.extra = true;
    },
    '/: unknown field "extra"',
  ],
  [
    'an error rate above 1',
    (r) => {
      r.scenarios[0].steps[0].load.requests.errorRate = 3;
    },
    '/scenarios/0/steps/0/load/requests/errorRate: must be <= 1',
  ],
  [
    'a target verdict out of the list',
    (r) => {
      r.targets[0].verdict = 'ok';
    },
    '/targets/0/verdict: must be one of pass, warn, inconclusive, fail, not-measured',
  ],
];

describe('validateResult on a broken result', () => {
  it.each(cases)('names the field for %s', (_name, breakIt, message) => {
    const result = JSON.parse(text) as Json;
    breakIt(result);
    const validation = validateResult(result);
    expect(validation.valid).toBe(false);
    expect(validation.valid ? [] : validation.errors).toContain(message);
  });
});
