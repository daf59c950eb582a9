import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildK6Bundles } from '../../../src/harness/runners/k6-bundle.js';
import { builtinOnlyScenarioNames, onDemandScenarioNames, scenarioNames } from '../../../scenarios/scenario-names.js';

const outDir = mkdtempSync(join(tmpdir(), 'referral-bench-k6-dist-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test('esbuild bundles one self-contained k6 script per scenario, importing only k6 modules', async () => {
  const bundles = await buildK6Bundles(outDir);
  expect(bundles.map((bundle) => basename(bundle, '.js')).sort()).toEqual(
    [...scenarioNames, ...onDemandScenarioNames].filter((name) => !builtinOnlyScenarioNames.includes(name)).sort(),
  );
  for (const bundle of bundles) {
    const code = readFileSync(bundle, 'utf8');
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(imports.length, bundle).toBeGreaterThan(0);
    for (const source of imports) expect(source, bundle).toMatch(/^k6(\/|$)/);
    expect(code).toMatch(/export \{[^}]*\bas default\b/);
    expect(code).toMatch(/ramping-vus/);
    expect(code).toContain('referral-bench-ack');
    expect(code).toContain(`"${basename(bundle, '.js')}"`);
  }
});
