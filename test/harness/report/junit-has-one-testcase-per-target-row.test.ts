import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/harness/report/junit.renderer.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();
const junit = renderJunit(result);
// The target rows' cases; the run's invariants (and faults, where it injected any) have their own.
const testCases = [
  ...junit.matchAll(/<testcase classname="((?:spec|goal)\.[^"]+)" name="([^"]+)">([\s\S]*?)<\/testcase>/g),
];

describe('junit.xml', () => {
  it('has one test case per target row, named after the row', () => {
    expect(testCases.map((match) => match[2])).toEqual(result.targets.map((row) => row.label));
  });

  it('reports fail rows as failures and not-measured rows as skipped, in the totals too', () => {
    const verdicts = result.targets.map((row) => row.verdict);
    testCases.forEach((match, index) => {
      expect(match[3]?.includes('<failure '), result.targets[index]?.id).toBe(verdicts[index] === 'fail');
      expect(match[3]?.includes('<skipped '), result.targets[index]?.id).toBe(
        verdicts[index] === 'not-measured' || verdicts[index] === 'inconclusive',
      );
    });
    expect(junit).toContain(
      '<testsuites name="referral-bench 2026-11-25T10-00-00Z-fixture" tests="64" failures="9" errors="0" skipped="21">',
    );
  });

  it('escapes XML in messages', () => {
    expect(junit).toContain('target &lt;= 2,000 ms');
    expect(junit).not.toMatch(/message="[^"]*</);
  });
});
