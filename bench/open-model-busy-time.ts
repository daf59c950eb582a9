/**
 * The main thread's busy time per request of the paced open-model runner: a CPU profile (the
 * inspector's, as `node --cpu-prof` takes it) around runOpenModel at `rate` Poisson arrivals/s
 * against a ~1 ms endpoint in its own process; busy is every sample but the idle ones (the event
 * loop waiting in epoll), divided by the requests sent. Also prints the heaviest self-time
 * functions, which shows where the busy time goes (the HTTP client, the pacing, the recorder).
 * Run: `npx tsx bench/open-model-busy-time.ts [rate] [seconds] [endpoint delay ms]`.
 */
import { Session, type Profiler } from 'node:inspector';
import { runOpenModel } from '../src/harness/runners/open-model-runner.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit } from './flags-or-exit.js';
import { startEndpoint } from './start-endpoint.js';

const [rate, seconds, endpointDelayMs] = flagsOrExit('open-model-busy-time', () => [
  parseWholeNumber('[rate]', process.argv[2] ?? 300, 1, 100_000),
  parseWholeNumber('[seconds]', process.argv[3] ?? 20, 1, 3600),
  parseWholeNumber('[endpoint delay ms]', process.argv[4] ?? 1, 0, 60_000),
]);

const session = new Session();
session.connect();
const post = <T>(method: string, params?: object): Promise<T> =>
  new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );

const endpoint = await startEndpoint(endpointDelayMs);
try {
  const journey = [{ weight: 1, request: () => ({ method: 'GET' as const, path: '/', label: 'root' }) }];
  // Warm the endpoint's and the runner's JIT first.
  await runOpenModel({ url: endpoint.url, ratePerSecond: rate, durationMs: 2000, maxRequests: rate * 2, journey });
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  const result = await runOpenModel({
    url: endpoint.url,
    ratePerSecond: rate,
    arrival: 'poisson',
    durationMs: seconds * 1000,
    maxRequests: rate * seconds,
    journey,
  });
  const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
  const selfUs = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  const samples = profile.samples ?? [];
  // A sample's time is the gap to the next one.
  for (let i = 0; i < samples.length; i += 1)
    selfUs.set(samples[i] as number, (selfUs.get(samples[i] as number) ?? 0) + (deltas[i + 1] ?? 0));
  let totalUs = 0;
  let idleUs = 0;
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    totalUs += us;
    if (node.callFrame.functionName === '(idle)') idleUs += us;
    const where = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + us);
  }
  const requests = result.requests.total;
  console.log(
    `${requests} requests at ${rate}/s (Poisson) for ${seconds} s against a ${endpointDelayMs} ms endpoint: ` +
      `main thread busy ${((totalUs - idleUs) / requests).toFixed(0)} µs per request ` +
      `(${(((totalUs - idleUs) / totalUs) * 100).toFixed(1)}% of ${(totalUs / 1e6).toFixed(1)} s); ` +
      `p50 ${result.latency.p50} ms, p95 ${result.latency.p95} ms`,
  );
  console.log('heaviest self time, µs per request:');
  for (const [where, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${(us / requests).toFixed(1).padStart(7)}  ${where}`);
} finally {
  session.disconnect();
  endpoint.stop();
}
