import { describe, expect, it } from 'vitest';
import { assessGeneratorHealth } from '../../../src/harness/measure/generator-health.js';
import type { GeneratorSamples } from '../../../src/harness/measure/generator-monitor.js';

type Rates = Parameters<typeof assessGeneratorHealth>[1];

// Every figure well inside the default limits (CPU 90%, event loop busy 90%, delay p99 50 ms,
// achieved rate 95% of the expected one), so a row changes only the figure it is about.
const quiet: GeneratorSamples = {
  cpuPercents: [10, 20, 30, 40],
  cpuPercentOverall: 25,
  eventLoopDelayP99Ms: 12,
  eventLoopUtilization: 0.5,
};
const onSchedule: Rates = { askedRate: 40, achievedRate: 40, scheduledRate: 40 };

const cpuReason = (percent: number) =>
  `generator CPU saturated: ${percent}% in the median interval (limit 90%, where 100% is one core)`;
const busyReason = (percent: number) =>
  `generator event loop busy ${percent}% of the time (limit 90%), whether from its own work or from CPU taken by other processes`;
const delayReason = (ms: number) => `generator timers late: event-loop delay p99 ${ms} ms (limit 50 ms)`;

describe('the generator bottleneck decision', () => {
  it.each<[string, Partial<GeneratorSamples>, Rates, readonly string[]]>([
    ['healthy: no criterion trips', {}, onSchedule, []],
    ['healthy without rates (closed model)', {}, undefined, []],

    [
      'CPU in the median interval past its limit',
      { cpuPercents: [95, 95, 95, 95], cpuPercentOverall: 95 },
      onSchedule,
      [cpuReason(95)],
    ],
    [
      'CPU: the median interval, not the mean, so quiet ends do not hide a saturated step',
      { cpuPercents: [5, 95, 96, 97, 5], cpuPercentOverall: 59.6 },
      onSchedule,
      [cpuReason(95)],
    ],
    [
      'CPU over the whole step when under four intervals give no median',
      { cpuPercents: [100], cpuPercentOverall: 92 },
      onSchedule,
      [cpuReason(92)],
    ],
    ['CPU just past its limit', { cpuPercents: [90.1, 90.1, 90.1, 90.1] }, onSchedule, [cpuReason(90.1)]],
    ['CPU at its limit does not trip', { cpuPercents: [90, 90, 90, 90], cpuPercentOverall: 90 }, onSchedule, []],
    ['CPU: one saturated interval does not move the median', { cpuPercents: [10, 10, 10, 100] }, onSchedule, []],

    ['event loop busy past its limit', { eventLoopUtilization: 0.95 }, onSchedule, [busyReason(95)]],
    ['event loop busy just past its limit', { eventLoopUtilization: 0.901 }, onSchedule, [busyReason(90.1)]],
    ['event loop busy at its limit does not trip', { eventLoopUtilization: 0.9 }, onSchedule, []],
    [
      'no event-loop utilization (a generator without our event loop) does not trip',
      { eventLoopUtilization: undefined },
      onSchedule,
      [],
    ],

    ['event-loop delay p99 past its limit', { eventLoopDelayP99Ms: 61 }, onSchedule, [delayReason(61)]],
    ['event-loop delay p99 just past its limit', { eventLoopDelayP99Ms: 50.1 }, onSchedule, [delayReason(50.1)]],
    ['event-loop delay p99 at its limit does not trip', { eventLoopDelayP99Ms: 50 }, onSchedule, []],

    [
      'achieved rate short of the schedule',
      {},
      { askedRate: 40, achievedRate: 37, scheduledRate: 40 },
      ['achieved rate 37 req/s is below 95% of the asked 40 req/s (scheduled 40 req/s)'],
    ],
    [
      'achieved rate short of the asked rate when no schedule is given',
      {},
      { askedRate: 40, achievedRate: 37 },
      ['achieved rate 37 req/s is below 95% of the asked 40 req/s'],
    ],
    [
      'achieved rate just short of 95% of the schedule',
      {},
      { askedRate: 40, achievedRate: 37.9, scheduledRate: 40 },
      ['achieved rate 37.9 req/s is below 95% of the asked 40 req/s (scheduled 40 req/s)'],
    ],
    [
      'achieved rate at 95% of the schedule does not trip',
      {},
      { askedRate: 40, achievedRate: 38, scheduledRate: 40 },
      [],
    ],
    [
      'a schedule that fell short by chance is matched, not the asked rate',
      {},
      { askedRate: 40, achievedRate: 36, scheduledRate: 36 },
      [],
    ],
  ])('%s', (_case, samples, rates, reasons) => {
    const health = assessGeneratorHealth({ ...quiet, ...samples }, rates);
    expect(health.reasons).toEqual(reasons);
    expect(health.bottleneck).toBe(reasons.length > 0);
  });

  it('reports every criterion that trips, in a fixed order', () => {
    const health = assessGeneratorHealth(
      { cpuPercents: [95, 95, 95, 95], cpuPercentOverall: 95, eventLoopDelayP99Ms: 61, eventLoopUtilization: 0.95 },
      { askedRate: 40, achievedRate: 37, scheduledRate: 40 },
    );
    expect(health.reasons).toEqual([
      cpuReason(95),
      busyReason(95),
      delayReason(61),
      'achieved rate 37 req/s is below 95% of the asked 40 req/s (scheduled 40 req/s)',
    ]);
    expect(health.bottleneck).toBe(true);
  });
});
