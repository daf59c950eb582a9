/** wrk (Debian's wrk package) for the benches' client tests, or why they skip. */
import { spawnSync } from 'node:child_process';

/**
 * Whether the wrk tests run: skipped, saying why, where wrk is missing, except under CI=true,
 * where .ci/run installed it and a missing one must fail the test instead.
 */
export function wrkAvailable(what: string): boolean {
  // wrk prints its version to stdout and exits 1 when asked with -v
  if ((spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout ?? '').startsWith('wrk ') || process.env.CI === 'true')
    return true;
  process.stderr.write(`skipping ${what}: wrk is missing (apt-get install wrk)\n`);
  return false;
}
