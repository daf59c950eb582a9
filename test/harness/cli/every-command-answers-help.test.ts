import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/harness/commands/index.js';
import { runCli } from './run-cli.js';

// The registered commands, read from the same list the CLI uses: a new command is covered here
// as soon as it is registered.
const program = new Command('referral-bench');
for (const register of commands) register(program);
const names = program.commands.map((command) => command.name());

describe('referral-bench --help', () => {
  it('exits 0 and lists every registered command', async () => {
    expect(names.length).toBeGreaterThan(0);
    const outcome = await runCli(['--help']);
    expect(outcome.code).toBe(0);
    for (const name of names) expect(outcome.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
  });

  it.each(names)("%s --help exits 0 and shows the command's usage and options", async (name) => {
    const outcome = await runCli([name, '--help']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`Usage: referral-bench ${name}`);
    expect(outcome.stdout).toContain('--help');
  });
});
