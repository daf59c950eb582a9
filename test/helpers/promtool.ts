/** promtool (Debian's prometheus package) for the alert rules' tests, or why they skip. */
import { spawnSync } from 'node:child_process';

/**
 * Whether the promtool tests run: skipped, saying why, where promtool is missing, except under
 * CI=true, where .ci/run installed it and a missing one must fail the test instead.
 */
export function promtoolAvailable(what: string): boolean {
  if (spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0 || process.env.CI === 'true') return true;
  process.stderr.write(`skipping ${what}: promtool is missing (apt-get install prometheus)\n`);
  return false;
}
