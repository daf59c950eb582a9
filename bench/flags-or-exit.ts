/** How a bench script reports a bad flag: the core parser's usage error as one line, and its exit code (2). */
import { HarnessError } from '../src/core/errors.js';

/** Runs `parse` (the script's flags through src/core/whole-number.ts); on a usage error, says why and exits. */
export function flagsOrExit<T>(script: string, parse: () => T): T {
  try {
    return parse();
  } catch (error: unknown) {
    if (!(error instanceof HarnessError)) throw error;
    process.stderr.write(`${script}: ${error.message}\n`);
    return process.exit(error.exitCode);
  }
}
