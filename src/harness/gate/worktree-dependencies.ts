/**
 * Dependencies of a revision's worktree: the running checkout's node_modules through a symlink
 * when both package-lock.json files are identical (seconds instead of minutes, and the same
 * bytes), `npm ci` in the worktree otherwise. A revision with a build (`npm run build`) is then
 * built: `npm ci` does it through the `prepare` script, the symlink needs it run.
 */
import { spawn } from 'node:child_process';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../../core/errors.js';

/** How a worktree got its node_modules. */
export type DependencySource = 'symlink' | 'npm ci';

async function readLock(dir: string): Promise<string | undefined> {
  return readFile(join(dir, 'package-lock.json'), 'utf8').catch(() => undefined);
}

/** Whether the revision's package.json has a `build` script (revisions from before it do not). */
async function hasBuild(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}');
  const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts;
  return typeof scripts?.build === 'string';
}

/**
 * Gives `worktree` its dependencies.
 * @param donorDir a package root whose node_modules is installed (the running harness's)
 * @param log receives npm's output lines
 */
export async function installWorktreeDependencies(
  worktree: string,
  donorDir: string,
  log: (line: string) => void,
): Promise<DependencySource> {
  const [theirs, ours] = await Promise.all([readLock(worktree), readLock(donorDir)]);
  if (theirs !== undefined && theirs === ours) {
    await symlink(join(donorDir, 'node_modules'), join(worktree, 'node_modules'), 'dir');
    if (await hasBuild(worktree)) await npm(worktree, ['run', 'build'], log);
    return 'symlink';
  }
  await npm(worktree, ['ci', '--no-audit', '--no-fund'], log);
  return 'npm ci';
}

function npm(cwd: string, args: readonly string[], log: (line: string) => void): Promise<void> {
  const command = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const what = ['npm', ...args.filter((arg) => !arg.startsWith('--'))].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        log(line);
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // A stuck install must not hold a CI job forever.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new HarnessError('REVISION_FAILED', `${what} in ${cwd}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new HarnessError(
            'REVISION_FAILED',
            `${what} in ${cwd} failed (${signal ?? `exit ${code}`}): ${tail.slice(-5).join(' | ')}`,
          ),
        );
    });
  });
}
