import { describe, expect, it } from 'vitest';
import { simulateScheduler } from './simulated-scheduler.js';

describe("the open model's arrival counts, on a made-up clock", () => {
  it('counts a send late when it leaves more than the tolerance after its intended time', async () => {
    // The stall at 100 ms holds the arrivals of 110..320 ms back; they leave at 301..322 ms, the
    // last one 2 ms late, the one before it 11 ms.
    const strict = await simulateScheduler({ stallAtMs: 100, stallMs: 200 });
    expect(strict.counts).toMatchObject({
      measuredScheduled: 50,
      measuredSent: 50,
      measuredLate: 22,
      cutByRequestBound: 0,
    });
    // Late is what separates a request's corrected latency from its raw one.
    expect(
      strict.recorded.filter((request) => (request.correctedLatencyMs as number) - (request.latencyMs as number) > 1),
    ).toHaveLength(22);
    const lenient = await simulateScheduler({ stallAtMs: 100, stallMs: 200, lateToleranceMs: 5 });
    expect(lenient.counts.measuredLate).toBe(21);
  });

  it('drops the arrivals still waiting for the one slot when the schedule ends', async () => {
    // Sent at 450 ms and held past the end: the arrivals of 460..490 ms never leave.
    const { counts, sends } = await simulateScheduler({ stallAtMs: 450, stallMs: 200 });
    expect(sends.at(-1)).toBe(450);
    expect(counts).toMatchObject({ measuredScheduled: 50, measuredSent: 46, cutByRequestBound: 0 });
    // The rate is over the whole schedule, not up to the last send: 46 in 500 ms, not in 460.
    expect(counts.scheduleEndMs).toBe(500);
  });

  it('counts the arrivals the request bound kept from being scheduled before the end', async () => {
    // 30 requests at most: the arrivals of 300..490 ms are never scheduled.
    const { counts, sends } = await simulateScheduler({ stallAtMs: -1, stallMs: 0, maxRequests: 30 });
    expect(sends).toHaveLength(30);
    expect(counts).toMatchObject({ measuredScheduled: 30, measuredSent: 30, measuredLate: 0, cutByRequestBound: 20 });
    // The bound ended the schedule where the 31st arrival was due.
    expect(counts.scheduleEndMs).toBe(300);
  });
});
