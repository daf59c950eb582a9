import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { promtoolAvailable } from '../helpers/promtool.js';

const rules = fileURLToPath(new URL('../../deploy/prometheus/rules/referral-alerts.yml', import.meta.url));
const unitTests = fileURLToPath(new URL('../../deploy/prometheus/rules/referral-alerts.test.yml', import.meta.url));

/** Runs promtool; its output is in the failure message, so a failing rule or case is named. */
function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { encoding: 'utf8' });
  if (run.error)
    return {
      status: null,
      output: `cannot run promtool (apt-get install prometheus; .ci/run installs it): ${run.error.message}`,
    };
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe.skipIf(!promtoolAvailable("the alert rules' promtool checks"))(
  'deploy/prometheus/rules/referral-alerts.yml',
  () => {
    it('is accepted by `promtool check rules`', () => {
      const { status, output } = promtool('check', 'rules', rules);
      expect(status, output).toBe(0);
    });

    it('passes its unit tests under `promtool test rules`', () => {
      const { status, output } = promtool('test', 'rules', unitTests);
      expect(status, output).toBe(0);
    });
  },
);
