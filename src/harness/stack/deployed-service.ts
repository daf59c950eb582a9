/**
 * A service the run did not start (--target-url): checked to answer /health before any load,
 * then used as it runs. It has no process here, and stopping it is not the run's business.
 */
import { HarnessError } from '../../core/errors.js';
import type { ServiceProcess } from './service-process.js';

/** How long the target gets to answer /health. */
const healthTimeoutMs = 10_000;

export async function deployedService(url: string): Promise<ServiceProcess> {
  let answer: string;
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(healthTimeoutMs) });
    answer = `HTTP ${response.status}`;
    await response.body?.cancel();
    if (response.ok) return { url, pid: undefined, stop: async () => null };
  } catch (error: unknown) {
    answer = error instanceof Error ? error.message : String(error);
  }
  throw new HarnessError(
    'SERVICE_FAILED',
    `--target-url ${url}: GET /health did not answer 200 within ${healthTimeoutMs / 1000} s (${answer}); is the service running there?`,
  );
}
