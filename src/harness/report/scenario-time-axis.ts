/**
 * The x axis every over-time chart of one scenario shares: one label per second of each step's
 * measured load, steps in order, so latency and the server's pool line up second by second.
 */
import type { ScenarioResult } from '../result/run-result.schema.js';

/** The shared axis: its labels, and where a step's second sits on it. */
export interface TimeAxis {
  /** '<step> · <second>s', as the charts print them. */
  readonly labels: readonly string[];
  /** The label's index of a step's second; undefined for a step or second not on the axis. */
  indexOf(step: string, second: number): number | undefined;
}

/** The seconds of the steps' timelines and of the server samples taken during them. */
export function scenarioTimeAxis(scenario: ScenarioResult): TimeAxis {
  const seconds = new Map<string, Set<number>>(
    scenario.steps.map((step) => [step.label, new Set((step.load?.timeline ?? []).map((point) => point.second))]),
  );
  for (const sample of scenario.server?.serviceMetricsOverTime?.samples ?? []) {
    if (sample.step !== undefined && sample.second !== undefined) seconds.get(sample.step)?.add(sample.second);
  }
  const labels: string[] = [];
  const index = new Map<string, number>();
  for (const [step, ofStep] of seconds) {
    for (const second of [...ofStep].sort((a, b) => a - b)) {
      const label = `${step} · ${second}s`;
      index.set(label, labels.length);
      labels.push(label);
    }
  }
  return { labels, indexOf: (step, second) => index.get(`${step} · ${second}s`) };
}
