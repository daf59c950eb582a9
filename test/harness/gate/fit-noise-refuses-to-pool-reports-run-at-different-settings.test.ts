import { expect, test } from 'vitest';
import { fitGateNoise } from '../../../src/harness/gate/fit-gate-noise.js';
import type { GateReport } from '../../../src/harness/gate/gate-report.js';
import { fixtureReport } from './gate-report-fixture.js';

test('fit-noise refuses to pool A/A reports whose sides ran for another length or rate: their noise differs', () => {
  const twelveSeconds: GateReport = { ...fixtureReport, aa: true };
  const sixSeconds: GateReport = { ...twelveSeconds, settings: { ...twelveSeconds.settings, pairSeconds: 6 } };

  expect(() =>
    fitGateNoise([
      { path: 'a.json', report: twelveSeconds },
      { path: 'b.json', report: sixSeconds },
    ]),
  ).toThrow(/b\.json: ran 6 s a side .* fit reports of one setting together/);
  expect(() => fitGateNoise([{ path: 'c.json', report: [] as unknown as GateReport }])).toThrow(
    /c\.json: not a gate report/,
  );
});
