/**
 * Child process for precise-timer-holds-the-process-open-only-while-armed.test.ts: starts a
 * precise timer and never closes it; armed (with `arm`), it prints "woke" when the wake comes.
 */
import { startPreciseTimer } from '../../../src/harness/runners/precise-timer.js';

const timer = await startPreciseTimer(() => {
  process.stdout.write('woke\n');
});
if (process.argv.includes('arm')) timer.wakeAt(performance.now() + 300);
process.stdout.write('started\n');
