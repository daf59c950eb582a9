import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import type { NoiseModel } from '../../../src/harness/gate/noise-model.js';
import type { GateReport } from '../../../src/harness/gate/gate-report.js';
import { runCli } from '../cli/run-cli.js';
import { fixtureReport } from './gate-report-fixture.js';
import { simulateNoisyPairs } from './simulate-noisy-pairs.js';

const truth: Readonly<Record<'p50' | 'p95', NoiseModel>> = {
  p50: { runSd: 0.03, driftSd: 0.02, slowRunProbability: 0.02, slowRunFactor: 1.5 },
  p95: { runSd: 0.08, driftSd: 0.05, slowRunProbability: 0.02, slowRunFactor: 1.5 },
};

/** An A/A report of three routes whose series are drawn from `truth`, 300 pairs each. */
function aaReport(seed: number): GateReport {
  const source = new Prng(seed);
  const metrics = ['student-profile', 'referral-list', 'leaderboard-read'].flatMap((route) =>
    (['p50', 'p95'] as const).map((statistic) => ({
      id: `${route} ${statistic}`,
      unit: 'ms',
      higherIsBetter: false,
      pairs: simulateNoisyPairs(truth[statistic], 300, 0, source),
    })),
  );
  return { ...fixtureReport, aa: true, metrics };
}

test('fit-noise refits the noise model of each gated statistic from stored A/A gate reports, pooling their routes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fit-noise-'));
  const paths = [join(dir, 'a.json'), join(dir, 'b.json')];
  await writeFile(paths[0] as string, JSON.stringify(aaReport(11)));
  await writeFile(paths[1] as string, JSON.stringify(aaReport(12)));

  const { code, stdout, stderr } = await runCli(['fit-noise', ...paths]);

  expect(stderr).toBe('');
  expect(code).toBe(0);
  const printed = JSON.parse(stdout) as {
    models: Record<'p50' | 'p95', NoiseModel>;
    sources: Record<'p50' | 'p95', { series: number; pairs: number }>;
  };
  expect(printed.sources).toEqual({ p50: { series: 6, pairs: 1800 }, p95: { series: 6, pairs: 1800 } });
  for (const statistic of ['p50', 'p95'] as const) {
    const fitted = printed.models[statistic];
    expect(fitted.runSd).toBeGreaterThan(truth[statistic].runSd * 0.85);
    expect(fitted.runSd).toBeLessThan(truth[statistic].runSd * 1.15);
    expect(fitted.driftSd).toBeGreaterThan(truth[statistic].driftSd * 0.6);
    expect(fitted.driftSd).toBeLessThan(truth[statistic].driftSd * 1.4);
    expect(fitted.slowRunProbability).toBeGreaterThan(0.01);
    expect(fitted.slowRunProbability).toBeLessThan(0.035);
  }
  // The p95 noise is told apart from the p50 noise, not pooled with it.
  expect(printed.models.p95.runSd).toBeGreaterThan(printed.models.p50.runSd * 2);
});
