import { expect, it } from 'vitest';
import { renderGateJunit } from '../../../src/harness/gate/gate-junit.renderer.js';
import { renderJunit } from '../../../src/harness/report/junit.renderer.js';
import { fixtureReport } from '../gate/gate-report-fixture.js';
import { loadFixture } from './load-fixture.js';

// A tool's stderr quoted in a reason can carry ANSI colours (ESC, U+001B), which XML 1.0 does not
// allow anywhere: a CI parser would reject the whole file.
const coloured = 'k6 exited with 107: \u001b[31mERRO\u001b[0m bad\u0000 option';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

it('replaces control characters in the run and gate JUnit files, keeping the rest of the text', async () => {
  const fixture = await loadFixture();
  const targets = fixture.targets.map((row, index) =>
    index === 0 ? { ...row, verdict: 'not-measured' as const, reason: coloured } : row,
  );
  const run = renderJunit({ ...fixture, targets });
  const gate = renderGateJunit({
    ...fixtureReport,
    guardrails: [{ kind: 'run-failed', exitCode: 3, message: coloured }],
  });
  for (const xml of [run, gate]) {
    expect(xml).not.toMatch(forbidden);
    expect(xml).toContain('k6 exited with 107: \uFFFD[31mERRO\uFFFD[0m bad\uFFFD option');
  }
});
