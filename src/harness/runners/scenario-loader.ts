/** Loads a scenario file from scenarios/ and validates it (ajv over the TypeBox schema), naming any bad field. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { HarnessError } from '../../core/errors.js';
import { ScenarioSchema, type Scenario } from '../../../scenarios/scenario-schema.js';
import { onDemandScenarioNames, scenarioNames } from '../../../scenarios/scenario-names.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const validate = new Ajv({ allErrors: true }).compile<Scenario>(ScenarioSchema);

/** The most useful single error: the deepest path, and for a choice among constants, the allowed values. */
function describe(errors: readonly ErrorObject[]): string {
  const deepest =
    [...errors]
      .filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf')
      // Deepest first; at equal depth a failed constant is usually just the wrong branch of a union.
      .sort(
        (a, b) =>
          b.instancePath.split('/').length - a.instancePath.split('/').length ||
          Number(a.keyword === 'const') - Number(b.keyword === 'const'),
      )[0] ?? errors[0];
  if (deepest === undefined) return '/: invalid';
  const at = errors.filter((error) => error.instancePath === deepest.instancePath);
  if (at.length > 0 && at.every((error) => error.keyword === 'const' || error.keyword === 'anyOf')) {
    const allowed = at
      .filter((error) => error.keyword === 'const')
      .map((error) => JSON.stringify((error.params as { allowedValue: unknown }).allowedValue));
    return `${deepest.instancePath || '/'}: must be one of ${allowed.join(', ')}`;
  }
  if (deepest.keyword === 'additionalProperties') {
    return `${deepest.instancePath}/${(deepest.params as { additionalProperty: string }).additionalProperty}: is not a known field`;
  }
  return `${deepest.instancePath || '/'}: ${deepest.message ?? 'invalid'}`;
}

/** Rules the schema cannot state: each returns `path: problem` or nothing. */
function crossFieldProblems(scenario: Scenario, name: string): string[] {
  const problems: string[] = [];
  if (scenario.name !== name) problems.push(`/name: must be '${name}' (the file's name)`);
  if (scenario.load.model === 'closed' && scenario.load.thinkTime === undefined)
    problems.push('/load/thinkTime: is required by the closed model');
  const think = scenario.load.thinkTime;
  if (think?.distribution === 'uniform' && think.minMs > think.maxMs)
    problems.push('/load/thinkTime/maxMs: must be >= minMs');
  if (scenario.stepsBy === 'query' && scenario.queries === undefined)
    problems.push('/queries: is required when stepsBy is query');
  return problems;
}

/**
 * Imports `<directory>/<name>.scenario.ts` and returns its validated `scenario` export.
 * Throws HarnessError BAD_SCENARIO naming the file and the bad field's path, e.g.
 * `scenarios/concurrent-users.scenario.ts: /profiles/quick/levels/0: must be >= 1`.
 * @param options.directory where scenario files live. @default the repository's scenarios/
 */
export async function loadScenario(name: string, options: { readonly directory?: string } = {}): Promise<Scenario> {
  const directory = options.directory ?? join(repositoryRoot, 'scenarios');
  const file = join(directory, `${name}.scenario.ts`);
  const shown = relative(repositoryRoot, file);
  const display = shown.startsWith('..') || isAbsolute(shown) ? file : shown;
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(file)) {
    throw new HarnessError(
      'BAD_SCENARIO',
      `unknown scenario '${name}' (no ${display}); known: ${[...scenarioNames, ...onDemandScenarioNames].join(', ')}`,
    );
  }
  const module = (await import(pathToFileURL(file).href)) as { scenario?: unknown };
  if (module.scenario === undefined) throw new HarnessError('BAD_SCENARIO', `${display}: exports no 'scenario'`);
  if (!validate(module.scenario))
    throw new HarnessError('BAD_SCENARIO', `${display}: ${describe(validate.errors ?? [])}`);
  const problems = crossFieldProblems(module.scenario, name);
  if (problems.length > 0) throw new HarnessError('BAD_SCENARIO', `${display}: ${problems.join('; ')}`);
  return module.scenario;
}
