/** How a bench script reports a bad flag: one line naming it, and the usage exit code (2). */
import { HarnessError, ExitCode } from '../src/core/errors.js';

/**
 * Runs `parse` (the script's parseArgs and its flags through src/core/whole-number.ts); on a usage
 * error, the core parser's or parseArgs' own (an unknown or valueless flag), says why and exits.
 */
export function flagsOrExit<T>(script: string, parse: () => T): T {
  try {
    return parse();
  } catch (error: unknown) {
    if (error instanceof HarnessError) {
      process.stderr.write(`${script}: ${error.message}\n`);
      return process.exit(error.exitCode);
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${script}: ${(error as Error).message}\n`);
      return process.exit(ExitCode.usage);
    }
    throw error;
  }
}
