/** Errors of the benchmark (harness, seeder, scripts): each has a stable code and the process exit code the CLI maps it to. */

/** Exit codes of every `referral-bench` command. */
export const ExitCode = Object.freeze({
  /** Everything ran and every target was met. */
  ok: 0,
  /** The run finished but at least one target failed. */
  targetFailed: 1,
  /** Bad flags, bad config, bad input: nothing was touched. */
  usage: 2,
  /** A server did not start, a database was unreachable, or the generator was the bottleneck. */
  infrastructure: 3,
});

export type HarnessErrorCode =
  | 'BAD_FLAG'
  | 'BAD_CONFIG'
  | 'BAD_SCENARIO'
  | 'BAD_DATABASE_URL'
  | 'DATABASE_UNREACHABLE'
  | 'SCHEMA_TOO_NEW'
  | 'SCHEMA_VARIANT_MISMATCH'
  /** The database was migrated with migration files that have changed since: recreate it. */
  | 'SCHEMA_DRIFT'
  | 'MIGRATION_FAILED'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_FAILED'
  | 'SERVICE_FAILED'
  /** dist/ is missing or was built from other sources than the checkout's (`npm run build`). */
  | 'SERVICE_NOT_BUILT'
  | 'GENERATOR_BOTTLENECK'
  | 'RESULT_INVALID'
  /** Results given to `merge` that did not run the same scenarios and steps, or lack the histograms a merge adds. */
  | 'RESULTS_MISMATCH'
  /** A gate revision could not be checked out, installed or seeded. */
  | 'REVISION_FAILED'
  /** Stopped by a signal part way (a seeding cut short); the caller reports what finished. */
  | 'INTERRUPTED';

const usageCodes: ReadonlySet<HarnessErrorCode> = new Set([
  'BAD_FLAG',
  'BAD_CONFIG',
  'BAD_SCENARIO',
  'BAD_DATABASE_URL',
  'SCHEMA_TOO_NEW',
  'SCHEMA_VARIANT_MISMATCH',
  'SCHEMA_DRIFT',
  'RESULT_INVALID',
  'RESULTS_MISMATCH',
  'SERVICE_NOT_BUILT',
]);

/** An error the CLI reports as one line (`code: message`) and turns into an exit code. */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly exitCode: number;

  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
    this.exitCode = usageCodes.has(code) ? ExitCode.usage : ExitCode.infrastructure;
  }
}

/** Shorthand for a usage error that names the offending flag. */
export function badFlag(flag: string, problem: string): HarnessError {
  return new HarnessError('BAD_FLAG', `${flag}: ${problem}`);
}
