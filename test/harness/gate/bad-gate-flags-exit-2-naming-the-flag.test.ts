import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerGate } from '../../../src/harness/commands/gate.command.js';
import { HarnessError } from '../../../src/core/errors.js';
import { runCli } from '../cli/run-cli.js';

/** Parses `gate ...args` in-process, as the CLI does; returns what it threw. */
async function refusal(args: readonly string[]): Promise<unknown> {
  const program = new Command('referral-bench').exitOverride();
  registerGate(program);
  try {
    await program.parseAsync(['node', 'referral-bench', 'gate', ...args]);
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

// Each is refused before anything starts (no PostgreSQL, no worktree): a usage error naming the flag.
describe('referral-bench gate', () => {
  it.each<[string, string[], string]>([
    ['neither revisions nor results', [], '--base'],
    ['only one stored result', ['baseline.json'], '--base'],
    ['--aa with --base', ['--aa', '--base', 'HEAD~1'], '--aa'],
    ['a revision flag with stored results', ['a.json', 'b.json', '--pairs', '5'], '--pairs'],
    ['a bad margin with stored results', ['a.json', 'b.json', '--margin', 'five'], '--margin'],
    ['a single pair', ['--aa', '--pairs', '1'], '--pairs'],
    ['--max-pairs below --pairs', ['--aa', '--pairs', '20', '--max-pairs', '10'], '--max-pairs'],
    ['an unknown route', ['--aa', '--routes', 'student-profile,teleport'], '--routes'],
    ['a zero rate', ['--aa', '--rate', '0'], '--rate'],
    ['a zero margin', ['--aa', '--margin', '0'], '--margin'],
    ['an alpha of 1', ['--aa', '--alpha', '1'], '--alpha'],
    ['a negative error rate', ['--aa', '--max-error-rate', '-1'], '--max-error-rate'],
    ['a delay without ms', ['--aa', '--inject-delay', 'student-profile'], '--inject-delay'],
    ['a delay on a route not gated', ['--aa', '--inject-delay', 'leaderboard-read:5'], '--inject-delay'],
    ['zero referrals', ['--aa', '--referrals', '0'], '--referrals'],
    ['an unknown provider', ['--aa', '--provider', 'cloud'], '--provider'],
    ['a revision that is no commit', ['--base', 'no-such-revision-anywhere', '--quiet'], '--base'],
  ])('refuses %s with a usage error naming the flag', async (_case, args, flag) => {
    const error = await refusal(args);
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({ code: 'BAD_FLAG', exitCode: 2 });
    expect((error as HarnessError).message.startsWith(`${flag}: `), (error as HarnessError).message).toBe(true);
  });

  it.concurrent.each<[string[], string]>([
    [['gate', '--aa', '--pairs', '1'], '--pairs'],
    [['gate', '--base', 'no-such-revision-anywhere'], '--base'],
  ])('exits 2 from the command line for %j, naming %s on stderr', async (args, flag) => {
    const { code, stderr } = await runCli(args);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(`BAD_FLAG: ${flag}:`);
  });
});
