/** How a bench script reports a bad flag: one line naming it, and the usage exit code (2). */
import { readFileSync } from 'node:fs';
import { HarnessError, ExitCode } from '../src/core/errors.js';

/** A SQL file a flag names, read before any server starts: a wrong path is a usage error. */
export function readFlagFile(flag: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new HarnessError('BAD_FLAG', `${flag}: cannot read ${path}`);
  }
}

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
