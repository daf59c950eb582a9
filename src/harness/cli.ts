/** The `referral-bench` command line: a thin adapter over the harness library. Only this file exits. */
import { Command, CommanderError } from 'commander';
import { HarnessError, ExitCode } from '../core/errors.js';
import { commands } from './commands/index.js';

const program = new Command('referral-bench')
  .description('Deploy, seed, load-test and report on the reference referral service against its performance spec.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

for (const register of commands) register(program);

// `referral-bench ... | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error: unknown) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (unknown option, missing argument, --help).
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return ExitCode.ok;
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof HarnessError) {
    process.stderr.write(`referral-bench: ${error.code}: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(
    `referral-bench: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.infrastructure;
}
