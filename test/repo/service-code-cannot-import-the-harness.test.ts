import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the lint rules', () => {
  it.each([
    { from: 'the harness', specifier: '../../harness/errors.js' },
    { from: 'the seeder', specifier: '../../../seed/seed.js' },
    { from: 'the scenarios', specifier: '../../../scenarios/quick.scenario.js' },
    { from: 'the benchmarks', specifier: '../../../bench/points.bench.js' },
    { from: 'the tests', specifier: '../../../test/helpers/fixtures.js' },
  ])('reject a file in src/service/ that imports $from', async ({ specifier }) => {
    const messages = await restrictedImports(
      `${root}src/service/db/some-repository.ts`,
      `import { x } from '${specifier}';\nexport const y = x;\n`,
    );
    expect(messages).toEqual([expect.stringContaining('src/service is the system under test')]);
  });

  it('accept the same import in harness code, and service-internal imports in the service', async () => {
    expect(
      await restrictedImports(
        `${root}src/harness/commands/some.command.ts`,
        `import { x } from '../../harness/errors.js';\nexport const y = x;\n`,
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        `${root}src/service/db/some-repository.ts`,
        `import { x } from './migrator.js';\nexport const y = x;\n`,
      ),
    ).toEqual([]);
  });
});
