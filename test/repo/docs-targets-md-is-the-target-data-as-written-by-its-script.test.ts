import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { renderTargetsDoc, targetsDocPath } from '../../src/harness/report/targets-doc.renderer.js';
import { judgedTargets } from '../../src/harness/targets/judged-targets.js';
import { endpointGoalTargets } from '../../src/harness/targets/goals/endpoint-latency.goals.targets.js';

it('keeps docs/targets.md identical to what its script writes from the target data, one line per row', () => {
  const written = readFileSync(fileURLToPath(new URL(`../../${targetsDocPath}`, import.meta.url)), 'utf8');
  expect(written, 'run: npx tsx scripts/write-targets-doc.ts').toBe(renderTargetsDoc());
  for (const target of [...judgedTargets, ...endpointGoalTargets])
    expect(written).toContain(`| ${target.label.replaceAll('|', '\\|')} |`);
});
