import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../../src/harness/merge/merge-results.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { generatorResult, type Sample } from './generator-results.js';

const samples: Sample[] = [
  { route: 'student-profile', repetition: 0, latencyMs: 12.5 },
  { route: 'student-profile', repetition: 1, latencyMs: 20 },
];

/** A generator's result, run as generator `index` of `count` (none: without --generator). */
async function generator(index?: number, count?: number): Promise<RunResult> {
  const result = await generatorResult(`generator-${index ?? 'x'}`, samples);
  const target = result.environment.target ?? { url: 'http://127.0.0.1:3000', remote: false };
  return {
    ...result,
    environment: {
      ...result.environment,
      target: index === undefined ? target : { ...target, generator: { index, count: count ?? 0 } },
    },
  };
}

/** The same result with a load that wrote to the target (a step carrying its acknowledged writes). */
function writing(result: RunResult): RunResult {
  const writes = { created: 3, transitions: 2, enrollments: 1, enrollmentsPerMinute: 1, racedRejections: 0, lost: 0 };
  return {
    ...result,
    scenarios: result.scenarios.map((scenario) => ({
      ...scenario,
      steps: scenario.steps.map((step) => ({ ...step, writes })),
    })),
  };
}

describe('merge of generators that split the target (--generator i/n)', () => {
  it('refuses the same share twice, naming the file', async () => {
    const inputs = [
      { file: 'one.json', result: await generator(1, 2) },
      { file: 'again.json', result: await generator(1, 2) },
    ];
    expect(() => mergeResults(inputs)).toThrow(
      expect.objectContaining({
        code: 'RESULTS_MISMATCH',
        message:
          'again.json: ran as generator 1/2, as one.json did: both worked on the same share of users and referrals',
      }),
    );
  });

  it('refuses a split with a generator missing, naming it', async () => {
    const inputs = [
      { file: 'one.json', result: await generator(1, 3) },
      { file: 'three.json', result: await generator(3, 3) },
    ];
    expect(() => mergeResults(inputs)).toThrow(/^generator 2 of 3 missing/);
  });

  it('refuses shares of different splits, and a generator without one among them, naming the file', async () => {
    const other = [
      { file: 'one.json', result: await generator(1, 2) },
      { file: 'of-three.json', result: await generator(2, 3) },
    ];
    expect(() => mergeResults(other)).toThrow(/^of-three\.json: ran generator 2\/3 where one\.json ran generator 1\/2/);
    const unsplit = [
      { file: 'one.json', result: await generator(1, 2) },
      { file: 'whole.json', result: await generator() },
    ];
    expect(() => mergeResults(unsplit)).toThrow(
      /^whole\.json: ran without --generator where one\.json ran generator 1\/2/,
    );
  });

  it('refuses generators that wrote to the target without a split, naming the file', async () => {
    const inputs = [
      { file: 'a.json', result: writing(await generator()) },
      { file: 'b.json', result: writing(await generator()) },
    ];
    expect(() => mergeResults(inputs)).toThrow(/^a\.json: wrote to the target without --generator i\/n/);
  });

  it('merges a whole split, in any order, into a result of the whole target', async () => {
    const inputs = [
      { file: 'two.json', result: writing(await generator(2, 2)) },
      { file: 'one.json', result: writing(await generator(1, 2)) },
    ];
    const merged = mergeResults(inputs);
    expect(merged.environment.target).toEqual({ url: 'http://127.0.0.1:3000', remote: false });
    expect(merged.scenarios[0]?.steps[0]?.writes?.created).toBe(6);
  });
});
