import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages ESLint gives `file` (a path in the repository) importing `specifier`. */
async function restrictedImports(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, {
    filePath: `${root}${file}`,
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('imports point down the layers', () => {
  it.each([
    {
      boundary: 'seed/ -> the harness',
      file: 'seed/generate-things.ts',
      specifier: '../src/harness/errors.js',
      says: 'seed/ may import only the layers below it',
    },
    {
      boundary: 'scenarios/ -> the harness',
      file: 'scenarios/some.scenario.ts',
      specifier: '../src/harness/runners/load-request.js',
      says: 'scenarios/ may import only the layers below it',
    },
    {
      boundary: 'scenarios/k6 -> the harness',
      file: 'scenarios/k6/lib/some-lib.ts',
      specifier: '../../../src/harness/runners/think-time.js',
      says: 'scenarios/ may import only the layers below it',
    },
    {
      boundary: 'src/core -> the harness',
      file: 'src/core/some-helper.ts',
      specifier: '../harness/config.js',
      says: 'src/core may import only the layers below it',
    },
    {
      boundary: 'src/core -> src/model',
      file: 'src/core/some-helper.ts',
      specifier: '../model/load-request.js',
      says: 'src/core may import only the layers below it',
    },
    {
      boundary: 'src/core -> the service, even its entry',
      file: 'src/core/some-helper.ts',
      specifier: '../service/index.js',
      says: 'src/core may import only the layers below it',
    },
    {
      boundary: 'src/model -> the harness',
      file: 'src/model/some-type.ts',
      specifier: '../harness/result/load-result.schema.js',
      says: 'src/model may import only the layers below it',
    },
    {
      boundary: 'seed/ -> scenarios/',
      file: 'seed/generate-things.ts',
      specifier: '../scenarios/route-labels.js',
      says: 'seed/ may import only the layers below it',
    },
    {
      boundary: 'the harness -> bench/',
      file: 'src/harness/run/some-step.ts',
      specifier: '../../../bench/micro-suite.js',
      says: 'src/harness may import only the layers below it',
    },
    {
      boundary: 'the harness -> service internals',
      file: 'src/harness/measure/some-sampler.ts',
      specifier: '../../service/db/queryable.js',
      says: 'only through src/service/index.ts',
    },
    {
      boundary: 'seed/ -> service internals',
      file: 'seed/generate-things.ts',
      specifier: '../src/service/db/pool.js',
      says: 'only through src/service/index.ts',
    },
    {
      boundary: 'bench/ -> service internals',
      file: 'bench/some.bench.ts',
      specifier: '../src/service/db/pool.js',
      says: 'only through src/service/index.ts',
    },
    {
      boundary: 'the service -> src/core',
      file: 'src/service/db/some-repository.ts',
      specifier: '../../core/errors.js',
      says: 'src/service is the system under test',
    },
  ])('lint refuses $boundary', async ({ file, specifier, says }) => {
    expect(await restrictedImports(file, specifier)).toEqual([expect.stringContaining(says)]);
  });

  it.each([
    { boundary: 'seed/ -> src/core', file: 'seed/generate-things.ts', specifier: '../src/core/prng.js' },
    { boundary: 'seed/ -> the service entry', file: 'seed/generate-things.ts', specifier: '../src/service/index.js' },
    {
      boundary: 'scenarios/ -> src/model',
      file: 'scenarios/some.scenario.ts',
      specifier: '../src/model/load-request.js',
    },
    { boundary: 'src/model -> src/core', file: 'src/model/some-type.ts', specifier: '../core/prng-function.js' },
    {
      boundary: 'the harness -> seed/',
      file: 'src/harness/run/some-step.ts',
      specifier: '../../../seed/seed-dataset.js',
    },
    {
      boundary: 'the harness -> the service entry',
      file: 'src/harness/run/some-step.ts',
      specifier: '../../service/index.js',
    },
    {
      boundary: 'bench/ -> the harness',
      file: 'bench/some.bench.ts',
      specifier: '../src/harness/measure/latency-histogram.js',
    },
    {
      boundary: 'a test -> service internals',
      file: 'test/service/db/some.test.ts',
      specifier: '../../../src/service/db/pool.js',
    },
  ])('lint accepts $boundary', async ({ file, specifier }) => {
    expect(await restrictedImports(file, specifier)).toEqual([]);
  });
});
