import { describe, expect, it } from 'vitest';
import { judgeLevel } from '../../../src/harness/run/breakpoint.executor.js';
import { generatorBottleneckOf } from '../../../src/harness/targets/run-outcome.js';
import { selectScenarios } from '../../../src/harness/run/run-benchmark.js';
import { resolveRunConfig } from '../../../src/harness/config.js';
import { loadRun, step } from '../targets/run-builder.js';

const limits = { p95Ms: 245, errorRate: 0 };

describe('the capacity search', () => {
  it("holds a level whose repetitions' p95 stays under the limit, and stops at one that crosses it", () => {
    const held = judgeLevel(
      step('1000 users', { load: loadRun({ repetitions: [{ p95: 40 }, { p95: 50 }, { p95: 45 }] }) }),
      limits,
    );
    expect(held).toEqual({ held: true, p95Ms: expect.closeTo(44.8, 1) });
    expect(
      judgeLevel(
        step('4000 users', { load: loadRun({ repetitions: [{ p95: 240 }, { p95: 300 }, { p95: 280 }] }) }),
        limits,
      ),
    ).toMatchObject({ held: false, by: 'p95', reason: expect.stringMatching(/^p95 27\d\.\d ms over 245 ms$/) });
  });

  it("stops at the first error, and at the generator's limit before judging latency", () => {
    expect(judgeLevel(step('2000 users', { load: loadRun({ errors: 3 }) }), limits)).toMatchObject({
      held: false,
      by: 'errors',
      reason: '0.50% errors (3 http-5xx)',
    });
    expect(
      judgeLevel(
        step('8000 users', { load: loadRun({ bottleneck: ['CPU saturated'], repetitions: [{ p95: 900 }] }) }),
        limits,
      ),
    ).toMatchObject({ held: false, by: 'generator' });
  });

  it('does not make the run untrustworthy when it stopped at the generator, as its finding', () => {
    const steps = [
      step('1000 users', { load: loadRun() }),
      step('8000 users', { load: loadRun({ bottleneck: ['CPU saturated'] }) }),
    ];
    const found = {
      name: 'breakpoint',
      state: 'completed' as const,
      steps,
      capacity: {
        limits,
        held: { level: 1000, p95Ms: 15 },
        stoppedAt: 8000,
        stoppedBy: 'generator' as const,
        reason: 'CPU saturated',
      },
    };
    expect(generatorBottleneckOf([found]).bottleneck).toBe(false);
    expect(
      generatorBottleneckOf([{ ...found, capacity: { ...found.capacity, stoppedBy: 'p95' as const } }]).bottleneck,
    ).toBe(true);
  });

  it('runs only when --scenario names it', () => {
    expect(selectScenarios(resolveRunConfig({ env: {} }))).not.toContain('breakpoint');
    expect(selectScenarios(resolveRunConfig({ scenario: ['breakpoint'], env: {} }))).toEqual(['breakpoint']);
  });
});
