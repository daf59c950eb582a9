/** What the reports say about reliability: the memory trend of a long run, and each fault injected under load. */
import type { FaultOutcome, MemoryOverTime, RunResult } from '../result/run-result.schema.js';

/** A memory trend is read only from a series this long: shorter ones are warm-up and GC sawtooth. */
export const trendMinimumSeconds = 600;
/** The soak's goal: memory grows by less than this per hour (the whole interval under it). */
export const leakLimitBytesPerHour = 5 * 1024 * 1024;

type Slope = NonNullable<MemoryOverTime['slopes']>['postgresBytesPerHour'];

const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(2);

/** 'met' when the whole interval lies under the limit, 'not met' when it lies at or over it, 'undecided' otherwise. */
export function leakVerdict(slope: Slope): 'met' | 'not met' | 'undecided' {
  if (slope.high < leakLimitBytesPerHour) return 'met';
  if (slope.low >= leakLimitBytesPerHour) return 'not met';
  return 'undecided';
}

function slopeText(name: string, slope: Slope): string {
  const zero = slope.low <= 0 && slope.high >= 0 ? ', contains 0' : '';
  return `${name} ${mb(slope.estimate)} MB/h [${mb(slope.low)}, ${mb(slope.high)}${zero}]: ${leakVerdict(slope)}`;
}

/** One line per scenario whose memory series is long enough for a trend: each slope, its interval and the goal. */
export function memoryTrendLines(result: RunResult): string[] {
  return result.scenarios.flatMap((scenario) => {
    const overTime = scenario.server?.memoryOverTime;
    const span = overTime?.samples.at(-1)?.atS ?? 0;
    if (overTime?.slopes === undefined || span < trendMinimumSeconds) return [];
    const { postgresBytesPerHour, serviceBytesPerHour, postgresPrivateBytesPerHour } = overTime.slopes;
    // PostgreSQL's PSS includes the shared buffers its backends touch, which fill for as long as
    // the load reaches new pages: shown, not judged. Its private memory is what a leak would grow.
    const parts =
      postgresPrivateBytesPerHour === undefined
        ? [slopeText('PostgreSQL PSS', postgresBytesPerHour), slopeText('service RSS', serviceBytesPerHour)]
        : [
            slopeText('PostgreSQL private memory', postgresPrivateBytesPerHour),
            slopeText('service RSS', serviceBytesPerHour),
            `PostgreSQL PSS, shared buffers included (not judged: they fill as the load reaches new pages), ${mb(postgresBytesPerHour.estimate)} MB/h [${mb(postgresBytesPerHour.low)}, ${mb(postgresBytesPerHour.high)}]`,
          ];
    return [
      `Memory trend (${scenario.name}, ${overTime.samples.length} samples every ${overTime.intervalMs / 1000} s over ${Math.round(span / 60)} min, ` +
        `fitted from ${Math.round((overTime.fittedFromS ?? 0) / 60)} min on, the rest being warm-up; goal under ${mb(leakLimitBytesPerHour)} MB/h, ` +
        `Theil-Sen slope [Sen's 95% interval, narrow for correlated samples]): ${parts.join('; ')}.`,
    ];
  });
}

export function faultLine(fault: FaultOutcome): string {
  if (fault.state === 'not-measured') return `${fault.name}: not measured (${fault.reason ?? 'no reason given'}).`;
  const errors = Object.entries(fault.errors ?? {})
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const recovery =
    fault.recoveryMs === undefined
      ? 'did not recover within the window'
      : // in ms as measured: seconds to one decimal would print 5040 ms as the goal's own "5.0 s"
        `recovered ${Math.round(fault.recoveryMs).toLocaleString('en-US')} ms after the fault ended`;
  const at =
    fault.clearedAtS !== undefined && fault.clearedAtS > (fault.injectedAtS ?? 0)
      ? `${fault.injectedAtS ?? 0}-${fault.clearedAtS} s`
      : `${fault.injectedAtS ?? 0} s`;
  return (
    `${fault.name} (${fault.action}, at ${at}): ${fault.failed ?? 0} of ${fault.requests ?? 0} requests failed` +
    `${errors ? ` (${errors})` : ''}, ${fault.failedInFlight ?? 0} of them in flight at the injection; ${recovery}` +
    `${fault.serviceKeptRunning === false ? '; the service process did not survive' : ''}. Goal: ${fault.goal}: ${fault.met === undefined ? 'not judged' : fault.met ? 'met' : 'NOT MET'}.`
  );
}

/** One line per fault a faults scenario injected under load. */
export function faultLines(result: RunResult): string[] {
  return result.scenarios.flatMap((scenario) => (scenario.faults ?? []).map(faultLine));
}
