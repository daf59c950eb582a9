import { expect, test } from 'vitest';
import { RunRecorder } from '../../../src/harness/measure/run-recorder.js';
import type { GeneratorHealth } from '../../../src/harness/result/load-result.schema.js';

const generator = { bottleneck: false, reasons: [] } as unknown as GeneratorHealth;
const ok = { kind: 'ok' } as const;

test('a load recorded as one repetition of a step the caller assembles reports that repetition alone, and the step keeps them all', () => {
  const recorder = new RunRecorder(0, { durationMs: 2_000, repetitions: 2 });
  for (const latencyMs of [1, 2, 3]) recorder.record({ label: 'a', outcome: ok, latencyMs, completedAtMs: 10 }, 0);
  for (const latencyMs of [40, 50]) recorder.record({ label: 'a', outcome: ok, latencyMs, completedAtMs: 1_500 }, 1);

  const second = recorder.toResult({
    runner: 'builtin',
    mode: 'open',
    durationMs: 1_000,
    generator,
    onlyRepetition: 1,
  });
  expect(second.requests.total).toBe(2);
  expect(second.latency.min).toBeGreaterThanOrEqual(39.9);
  expect(second.repetitions.map((repetition) => repetition.index)).toEqual([1]);
  expect(second.repetitions[0]?.requests.total).toBe(2);

  const step = recorder.toResult({
    runner: 'builtin',
    mode: 'open',
    durationMs: 2_000,
    generator,
    repetitionDurationsMs: [1_000, 1_000],
  });
  expect(step.requests.total).toBe(5);
  expect(step.repetitions.map((repetition) => repetition.requests.total)).toEqual([3, 2]);
});
