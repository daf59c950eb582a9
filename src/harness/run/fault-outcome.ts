/** What one fault injected under load cost, from the requests around it: a pure function of their times and outcomes. */
import type { RecordedRequest } from '../measure/run-recorder.js';
import type { FaultOutcome } from '../result/run-result.schema.js';

export type FaultName = FaultOutcome['name'];

/** The goals the faults are held to (besides nothing acknowledged lost, which the run checks for every step). */
export const recoveryLimitMs = 5000;
export const faultGoals: Readonly<Record<FaultName, string>> = Object.freeze({
  'redis-down': 'no request fails while Redis is down (the caches fall back to the database)',
  'postgres-restart': `only requests in flight fail, and the service recovers within ${recoveryLimitMs / 1000} s without a restart`,
  'pool-exhausted': `the service recovers within ${recoveryLimitMs / 1000} s of the lock's release, without a restart`,
  // Requests on the killed worker's connections fail, in flight or about to be sent on them: the
  // client cannot know the socket died. What the service owes is to go on serving.
  'worker-killed': `the service recovers within ${recoveryLimitMs / 1000} s, the other worker serving while the primary starts a new one`,
});

/** When a fault was injected and undone, and where its window ends; all on the `performance.now()` clock. */
export interface FaultWindow {
  readonly name: FaultName;
  readonly action: string;
  readonly injectedAtMs: number;
  readonly clearedAtMs: number;
  readonly windowEndMs: number;
  /** The load's measured start, for the times the result states. */
  readonly loadStartMs: number;
  /** Whether the service's process was still the same one after the window. */
  readonly serviceKeptRunning: boolean;
}

const errorKind = (request: RecordedRequest): string =>
  request.outcome.kind === 'error' ? request.outcome.errorClass : 'ok';

/**
 * The fault's outcome from the requests that completed in its window. A failed request counts
 * as in flight when it was sent before the injection. Recovery: from the fault's end to the first
 * success after the window's last failure (0 when nothing failed after the end); absent when no
 * success followed.
 */
export function faultOutcome(window: FaultWindow, requests: readonly RecordedRequest[]): FaultOutcome {
  const inWindow = requests.filter(
    (request) => request.completedAtMs >= window.injectedAtMs && request.completedAtMs < window.windowEndMs,
  );
  // No request in the window (the load ended early, or was stopped): nothing says the goal held.
  if (inWindow.length === 0)
    return faultNotMeasured(
      window.name,
      window.action,
      'no request completed in its window (the load ended before it)',
    );
  const failed = inWindow.filter((request) => request.outcome.kind === 'error');
  const sentAt = (request: RecordedRequest) => request.completedAtMs - (request.latencyMs ?? 0);
  const failedInFlight = failed.filter((request) => sentAt(request) < window.injectedAtMs).length;
  const errors: Record<string, number> = {};
  for (const request of failed) errors[errorKind(request)] = (errors[errorKind(request)] ?? 0) + 1;
  const lastFailureMs = Math.max(Number.NEGATIVE_INFINITY, ...failed.map((request) => request.completedAtMs));
  let recoveryMs: number | undefined;
  if (failed.length === 0 || lastFailureMs < window.clearedAtMs) recoveryMs = 0;
  else {
    const firstSuccess = inWindow
      .filter((request) => request.outcome.kind !== 'error' && request.completedAtMs > lastFailureMs)
      .reduce((first, request) => Math.min(first, request.completedAtMs), Number.POSITIVE_INFINITY);
    if (Number.isFinite(firstSuccess)) recoveryMs = Math.round(firstSuccess - window.clearedAtMs);
  }
  const recovered = recoveryMs !== undefined && recoveryMs <= recoveryLimitMs && window.serviceKeptRunning;
  const met =
    window.name === 'redis-down'
      ? failed.length === 0
      : window.name === 'postgres-restart'
        ? recovered && failed.length === failedInFlight
        : recovered;
  const seconds = (ms: number) => Math.round((ms - window.loadStartMs) / 100) / 10;
  return {
    name: window.name,
    action: window.action,
    state: 'measured',
    injectedAtS: Math.max(0, seconds(window.injectedAtMs)),
    clearedAtS: Math.max(0, seconds(window.clearedAtMs)),
    requests: inWindow.length,
    failed: failed.length,
    failedInFlight,
    errors,
    ...(recoveryMs === undefined ? {} : { recoveryMs }),
    serviceKeptRunning: window.serviceKeptRunning,
    goal: faultGoals[window.name],
    met,
  };
}

/** A fault that could not be injected here, and why. */
export function faultNotMeasured(name: FaultName, action: string, reason: string): FaultOutcome {
  return { name, action, state: 'not-measured', reason, goal: faultGoals[name] };
}
