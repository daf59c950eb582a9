/**
 * The saturation runner against wrk on the same trivial endpoint (its own process), same
 * connections, in alternating 5 s rounds: prints both request rates and their ratio (goal >= 0.9).
 * Each round pairs a wrk run with the runner's run right after it, so the per-round ratios show
 * how much the machine's noise moves the figure; the headline is the ratio of the medians.
 * Run: `npx tsx bench/generator-vs-wrk.ts [connections] [rounds]`. Needs `wrk` on PATH (apt-get install wrk).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runSaturation } from '../src/harness/runners/saturation-runner.js';
import { startEndpoint } from './start-endpoint.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit } from './flags-or-exit.js';
import { wrkRequestCap } from './wrk-client.js';

const [connections, rounds] = flagsOrExit('generator-vs-wrk', () => [
  parseWholeNumber('[connections]', process.argv[2] ?? 32, 1, 10_000),
  parseWholeNumber('[rounds]', process.argv[3] ?? 6, 1, 1000),
]);
const seconds = 5;
/** Both sides' count bound: the runner's maxRequests, and wrk's one thread's cap. */
const maxRequests = 10_000_000;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const endpoint = await startEndpoint(0);
const work = mkdtempSync(join(tmpdir(), 'generator-vs-wrk-'));
const script = join(work, 'capped.lua');
writeFileSync(
  script,
  `${wrkRequestCap(maxRequests)}\nrequest = function()\n  counted()\n  return wrk.request()\nend\n`,
);
try {
  // Alternating rounds, so load from other processes on the shared cores hits both tools alike.
  const wrk: number[] = [];
  const ours: number[] = [];
  let last: Awaited<ReturnType<typeof runSaturation>> | undefined;
  for (let round = 0; round < rounds; round += 1) {
    // wrk with one thread: the built-in runner is one Node thread as well.
    const { stdout } = await promisify(execFile)(
      'wrk',
      ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, endpoint.url],
      { timeout: (seconds + 30) * 1000 },
    );
    wrk.push(Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]));
    last = await runSaturation({ url: endpoint.url, connections, durationMs: seconds * 1000, maxRequests });
    ours.push(last.throughputRps);
  }
  console.log(
    `connections ${connections}, ${rounds} alternating rounds of ${seconds} s, trivial endpoint in its own process`,
  );
  console.log(
    `wrk (1 thread):     ${wrk.map((rps) => rps.toFixed(0)).join(', ')} req/s; median ${median(wrk).toFixed(0)}`,
  );
  console.log(
    `saturation runner:  ${ours.map((rps) => rps.toFixed(0)).join(', ')} req/s; median ${median(ours).toFixed(0)}`,
  );
  console.log(
    `ratio per round:    ${ours.map((rps, i) => (rps / wrk[i]!).toFixed(3)).join(', ')}; median ${median(ours.map((rps, i) => rps / wrk[i]!)).toFixed(3)}`,
  );
  console.log(`ratio of medians:   ${(median(ours) / median(wrk)).toFixed(3)} (goal >= 0.9)`);
  console.log(
    `last round:         p50 ${last?.latency.p50} ms, p99 ${last?.latency.p99} ms, errors ${last?.requests.errorRate}, generator ${JSON.stringify(last?.generator)}`,
  );
} finally {
  endpoint.stop();
  rmSync(work, { recursive: true, force: true });
}
