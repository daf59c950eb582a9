/**
 * The load generator watching itself: its own CPU (process.cpuUsage), event-loop delay and
 * event-loop utilization (perf_hooks), so a result can say when the generator, not the service,
 * set the figures.
 */
import { monitorEventLoopDelay, performance as perf } from 'node:perf_hooks';

/** What the monitor saw during one step. */
export interface GeneratorSamples {
  /** CPU of this process per sampling interval, in percent of one core. */
  readonly cpuPercents: readonly number[];
  /** CPU over the whole step, in percent of one core. */
  readonly cpuPercentOverall: number;
  /** p99 of the event-loop delay, in ms. */
  readonly eventLoopDelayP99Ms: number;
  /**
   * Share of wall time the event loop spent running code, 0..1. Unlike CPU time it also nears 1
   * when other processes starve the generator of CPU. Absent for generators without an event loop of ours.
   */
  readonly eventLoopUtilization?: number;
}

/** A running monitor; `stop()` ends sampling and returns what it saw. */
export interface GeneratorMonitor {
  stop(): GeneratorSamples;
}

/** How often the event loop's delay is sampled, ms. */
const delayResolutionMs = 10;

/**
 * The loop's p99 lag, ms. Node's delay histogram records the time between its timer's firings,
 * the resolution included (an idle loop reads about 10.1-10.5 ms at a 10 ms resolution:
 * `node -e` with monitorEventLoopDelay({ resolution: 10 }) for a second); the lag is what exceeds it.
 */
export function loopLagP99Ms(
  delay: { readonly count: number; percentile(p: number): number },
  resolutionMs: number,
): number {
  return delay.count === 0 ? 0 : Math.max(0, delay.percentile(99) / 1e6 - resolutionMs);
}

/**
 * Starts sampling. Node runs JavaScript on one thread, so 100% means one core saturated.
 * @param intervalMs how often CPU is sampled. @default 250
 */
export function startGeneratorMonitor(intervalMs = 250): GeneratorMonitor {
  const delay = monitorEventLoopDelay({ resolution: delayResolutionMs });
  delay.enable();
  const startCpu = process.cpuUsage();
  const startUtilization = perf.eventLoopUtilization();
  const startWall = performance.now();
  let lastCpu = startCpu;
  let lastWall = startWall;
  const cpuPercents: number[] = [];
  const timer = setInterval(() => {
    const cpu = process.cpuUsage(lastCpu);
    const wall = performance.now();
    cpuPercents.push(((cpu.user + cpu.system) / 1000 / (wall - lastWall)) * 100);
    lastCpu = process.cpuUsage();
    lastWall = wall;
  }, intervalMs);
  timer.unref();
  return {
    stop(): GeneratorSamples {
      clearInterval(timer);
      delay.disable();
      const cpu = process.cpuUsage(startCpu);
      const wall = Math.max(1, performance.now() - startWall);
      return {
        cpuPercents,
        cpuPercentOverall: ((cpu.user + cpu.system) / 1000 / wall) * 100,
        eventLoopDelayP99Ms: loopLagP99Ms(delay, delayResolutionMs),
        eventLoopUtilization: perf.eventLoopUtilization(startUtilization).utilization,
      };
    },
  };
}
