/**
 * The paced open-model runner against an independent reference client at a moderate rate on a
 * ~1 ms endpoint (or another delay; its own process): prints both p50/p95 and the differences (goal: within 10%).
 * k6 is not installed here, so the reference is wrk (C, its own event loop and latency
 * histogram) paced by a Lua script: each connection waits an exponentially distributed delay
 * before each request, so the connections do not fall into lockstep bursts and together send
 * about `rate` Poisson arrivals per second; the runner is asked for Poisson arrivals too.
 * With `runs` above 1 the side-by-side run is repeated and each run's differences are printed with
 * the load average beside them, then their medians: a p95 from one run on a shared machine moves
 * by tens of percent with the other processes' load, and the reference's as much as the runner's.
 * Run: `npx tsx bench/paced-vs-reference.ts [rate] [seconds] [endpoint delay ms] [runs]`. Needs `wrk` on PATH.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runOpenModel } from '../src/harness/runners/open-model-runner.js';
import { startEndpoint } from './start-endpoint.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit } from './flags-or-exit.js';
import { wrkRequestCap } from './wrk-client.js';

const [rate, seconds, endpointDelayMs, runs] = flagsOrExit('paced-vs-reference', () => [
  parseWholeNumber('[rate]', process.argv[2] ?? 300, 1, 100_000),
  parseWholeNumber('[seconds]', process.argv[3] ?? 20, 1, 3600),
  parseWholeNumber('[endpoint delay ms]', process.argv[4] ?? 1, 0, 60_000),
  parseWholeNumber('[runs]', process.argv[5] ?? 1, 1, 100),
]);
const connections = 30;
// Per connection: one request every connections / rate seconds on average, minus the ~1.1 ms it takes.
const wrkDelayMs = Math.max(0, (connections / rate) * 1000 - endpointDelayMs - 0.1);
// Count bound: twice the asked arrivals (Poisson counts stray a little above rate x seconds).
const lua = `
math.randomseed(42)
${wrkRequestCap(2 * rate * seconds)}
request = function()
  counted()
  return wrk.request()
end
function delay() return math.floor(-math.log(1 - math.random()) * ${wrkDelayMs.toFixed(2)} + 0.5) end
done = function(summary, latency, requests)
  io.write(string.format("REFERENCE %d %f %f %f\\n", summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.duration / 1e6))
end
`;

const change = (a: number, b: number): number => ((a - b) / b) * 100;
const percent = (value: number): string => `${value.toFixed(1)}%`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const work = mkdtempSync(join(tmpdir(), 'paced-vs-reference-'));
const endpoint = await startEndpoint(endpointDelayMs);
try {
  writeFileSync(join(work, 'paced.lua'), lua);
  const journey = [{ weight: 1, request: () => ({ method: 'GET' as const, path: '/', label: 'root' }) }];
  // Warm the endpoint's JIT first, so neither client measures a cold server.
  await runOpenModel({ url: endpoint.url, ratePerSecond: rate, durationMs: 2000, maxRequests: rate * 2, journey });
  const differences: { p50: number; p95: number }[] = [];
  for (let run = 1; run <= runs; run += 1) {
    // Both clients run at the same time against the same endpoint, so the machine's noise (other
    // processes on two shared cores) hits both alike; each sends `rate` req/s.
    const [{ stdout }, ours] = await Promise.all([
      promisify(execFile)(
        'wrk',
        ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', join(work, 'paced.lua'), endpoint.url],
        { timeout: (seconds + 30) * 1000 },
      ),
      runOpenModel({
        url: endpoint.url,
        ratePerSecond: rate,
        arrival: 'poisson',
        durationMs: seconds * 1000,
        maxRequests: rate * seconds,
        journey,
      }),
    ]);
    const [requests, p50, p95, duration] = (/REFERENCE (\S+) (\S+) (\S+) (\S+)/.exec(stdout) ?? [])
      .slice(1)
      .map(Number);
    const difference = { p50: change(ours.latency.p50, p50 ?? 0), p95: change(ours.latency.p95, p95 ?? 0) };
    differences.push(difference);
    const load = loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
    if (run === 1)
      console.log(
        `${rate} req/s from each client, side by side for ${seconds} s, against a ${endpointDelayMs} ms endpoint in its own process`,
      );
    console.log(`run ${run} of ${runs}, load average ${load}`);
    console.log(
      `reference (wrk + Lua Poisson pacing, ${connections} conns, mean delay ${wrkDelayMs.toFixed(1)} ms): ${((requests ?? 0) / (duration ?? 1)).toFixed(0)} req/s, p50 ${p50?.toFixed(3)} ms, p95 ${p95?.toFixed(3)} ms`,
    );
    console.log(
      `paced open-model runner: ${ours.throughputRps} req/s, p50 ${ours.latency.p50} ms, p95 ${ours.latency.p95} ms (corrected p50 ${ours.correctedLatency?.p50} ms, p95 ${ours.correctedLatency?.p95} ms)`,
    );
    console.log(
      `difference (runner vs reference): p50 ${percent(difference.p50)}, p95 ${percent(difference.p95)} (goal within 10%)`,
    );
    console.log(`generator: ${JSON.stringify(ours.generator)}`);
  }
  if (runs > 1) {
    console.log(
      `median of ${runs} runs' differences: p50 ${percent(median(differences.map((d) => d.p50)))}, p95 ${percent(median(differences.map((d) => d.p95)))} (goal within 10%)`,
    );
  }
} finally {
  endpoint.stop();
  rmSync(work, { recursive: true, force: true });
}
