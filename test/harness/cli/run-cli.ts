/** Runs the real `referral-bench` entry point in a child process, as a user would. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));

export interface CliOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `referral-bench ...args` with DATABASE_URL unset, so only explicit flags count.
 * @param env variables set for this run only (a DATABASE_URL the test means, for one).
 * @param timeoutMs the child is killed after this long (a run of a smoke scenario needs minutes).
 */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  timeoutMs = 30_000,
): Promise<CliOutcome> {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { env: { ...inherited, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The non-empty lines a stream printed. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
