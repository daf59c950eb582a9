/** Checks shared by every runner: bounded in time and count, and aimed at loopback only. */
import { HarnessError } from '../../core/errors.js';
import type { RunRecorder } from '../measure/run-recorder.js';

/** The bounds and target every load step must name. */
export interface LoadTarget {
  /** Base URL of the service, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /** The step's measured window ends after this duration (plus the warm-up)... */
  readonly durationMs: number;
  /** ...or after this many requests (warm-up included), whichever comes first. */
  readonly maxRequests: number;
  /**
   * Load before the measured window: sent, but neither recorded nor counted in the result's
   * duration, so caches, pools and (closed model) the users' ramp-up settle first.
   * @default 0
   */
  readonly warmupMs?: number;
  /**
   * The measured window is cut into this many equal consecutive repetitions, each summarised on
   * its own (the statistical unit of every interval).
   * @default 1
   */
  readonly repetitions?: number;
  /**
   * Record into a recorder the caller owns: as repetition `repetition` of a step whose
   * repetitions run as separate loads (paired comparisons interleave them), or, without
   * `repetition`, cut into repetitions by time from the measured load's start (a step the caller
   * may extend with more repetitions afterwards). The caller builds the step's result from it.
   */
  readonly record?: { readonly recorder: RunRecorder; readonly repetition?: number };
  /** Ends the load at once when aborted (the run was told to stop): no new request is sent. */
  readonly abort?: AbortSignal;
  /**
   * Load goes to loopback only, unless the caller names a remote target on purpose.
   * @default false
   */
  readonly allowRemoteTarget?: boolean;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Throws a BAD_CONFIG HarnessError unless the target is loopback (or allowed) and both bounds are set. */
export function assertLoadTarget(target: LoadTarget): URL {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch (error: unknown) {
    throw new HarnessError('BAD_CONFIG', `load target ${target.url}: not a URL`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HarnessError('BAD_CONFIG', `load target ${target.url}: only http and https are supported`);
  const loopback = loopbackHosts.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (!loopback && target.allowRemoteTarget !== true) {
    throw new HarnessError(
      'BAD_CONFIG',
      `load target ${url.host} is not a loopback address; refusing to generate load at it without allowRemoteTarget: true`,
    );
  }
  if (!Number.isFinite(target.durationMs) || target.durationMs <= 0)
    throw new HarnessError('BAD_CONFIG', `durationMs must be a positive number, got ${target.durationMs}`);
  if (target.warmupMs !== undefined && !(target.warmupMs >= 0))
    throw new HarnessError('BAD_CONFIG', `warmupMs must be zero or more, got ${target.warmupMs}`);
  if (target.repetitions !== undefined && !(Number.isInteger(target.repetitions) && target.repetitions >= 1)) {
    throw new HarnessError('BAD_CONFIG', `repetitions must be a positive integer, got ${target.repetitions}`);
  }
  if (!Number.isInteger(target.maxRequests) || target.maxRequests <= 0)
    throw new HarnessError('BAD_CONFIG', `maxRequests must be a positive integer, got ${target.maxRequests}`);
  return url;
}
