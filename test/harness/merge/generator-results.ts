/**
 * Results of load generators measured from known samples: each is the stored quick fixture cut
 * down to one concurrent-users step, whose load the built-in runners' recorder measured.
 */
import { RunRecorder } from '../../../src/harness/measure/run-recorder.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { loadFixture } from '../report/load-fixture.js';

/** One request a generator sent: its route, the repetition it fell in and its latency. */
export interface Sample {
  readonly route: string;
  readonly repetition: number;
  readonly latencyMs: number;
}

/** Repetitions each generator's step is cut into. */
export const repetitions = 2;

/** A result whose one step recorded `samples`, under `runId`; its step is labelled `stepLabel`. */
export async function generatorResult(
  runId: string,
  samples: readonly Sample[],
  stepLabel = '100 users',
): Promise<RunResult> {
  const fixture = await loadFixture();
  const recorder = new RunRecorder(0, { durationMs: 1000 * repetitions, repetitions });
  for (const [index, sample] of samples.entries()) {
    recorder.record(
      { label: sample.route, outcome: { kind: 'ok' }, latencyMs: sample.latencyMs, completedAtMs: index },
      sample.repetition,
    );
  }
  const load = recorder.toResult({
    runner: 'builtin',
    mode: 'closed',
    durationMs: 1000 * repetitions,
    concurrency: 10,
    generator: { bottleneck: false, reasons: [], cpuPercentMean: 10, cpuPercentMax: 20, eventLoopDelayP99Ms: 1 },
  });
  return {
    ...fixture,
    runId,
    // Generators that loaded one deployed service, as merge requires.
    environment: { ...fixture.environment, target: { url: 'http://127.0.0.1:3000', remote: false } },
    repetitions,
    scenarios: [
      {
        name: 'concurrent-users',
        state: 'completed',
        steps: [{ label: stepLabel, params: { users: 10 }, load, measurements: {} }],
      },
    ],
  };
}
