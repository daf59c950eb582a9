/**
 * Dependencies of a revision's worktree: the running checkout's node_modules through a symlink
 * when both package-lock.json files are identical (seconds instead of minutes, and the same
 * bytes), `npm ci` in the worktree otherwise.
 */
import { spawn } from 'node:child_process';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../errors.js';

/** How a worktree got its node_modules. */
export type DependencySource = 'symlink' | 'npm ci';

async function readLock(dir: string): Promise<string | undefined> {
  return readFile(join(dir, 'package-lock.json'), 'utf8').catch(() => undefined);
}

/**
 * Gives `worktree` its dependencies.
 * @param donorDir a package root whose node_modules is installed (the running harness's)
 * @param log receives npm's output lines
 */
export async function installWorktreeDependencies(worktree: string, donorDir: string, log: (line: string) => void): Promise<DependencySource> {
  const [theirs, ours] = await Promise.all([readLock(worktree), readLock(donorDir)]);
  if (theirs !== undefined && theirs === ours) {
    await symlink(join(donorDir, 'node_modules'), join(worktree, 'node_modules'), 'dir');
    return 'symlink';
  }
  await npmCi(worktree, log);
  return 'npm ci';
}

function npmCi(cwd: string, log: (line: string) => void): Promise<void> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolve, reject) => {
    const child = spawn(npm, ['ci', '--no-audit', '--no-fund'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
      reject(new HarnessError('REVISION_FAILED', `npm ci in ${cwd}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new HarnessError('REVISION_FAILED', `npm ci in ${cwd} failed (${signal ?? `exit ${code}`}): ${tail.slice(-5).join(' | ')}`));
    });
  });
}
