import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { k6StepLimits } from '../../src/harness/runners/k6-files.js';
import { readStepEnv } from '../../scenarios/k6/lib/k6-options.js';
import { levelLabel } from '../../scenarios/step-plan.js';

test("the k6 TestRun passes its step the LIMITS that the step's target rows set, as k6-files writes them", async () => {
  const testRun = parse(readFileSync(fileURLToPath(new URL('../../k8s/testrun.yaml', import.meta.url)), 'utf8')) as {
    spec?: { arguments?: string; script?: { configMap?: { file?: string } } };
  };
  const env = Object.fromEntries(
    [...(testRun.spec?.arguments ?? '').matchAll(/-e (\w+)=(\S+)/g)].map(([, key, value]) => [
      key as string,
      value as string,
    ]),
  );
  const scenario = (testRun.spec?.script?.configMap?.file ?? '').replace(/\.js$/, '');
  const step = levelLabel('closed', readStepEnv(env).level);
  const limits = (await k6StepLimits())[scenario]?.[step];
  expect(limits, `${scenario} ${step}`).toMatch(/p95:/);
  expect(env.LIMITS).toBe(limits);
});
