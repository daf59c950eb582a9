/** The git operations of the revision gate: resolve a revision, add and remove a detached worktree. */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { HarnessError, badFlag } from '../../core/errors.js';

interface GitOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git in `cwd`; never throws for a non-zero exit (the caller decides what it means). */
export function git(cwd: string, args: readonly string[], timeoutMs = 120_000): Promise<GitOutcome> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new HarnessError('REVISION_FAILED', `git ${args.join(' ')}: ${error.message}`, { cause: error }));
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

/** The top directory of the git repository that holds `dir`. */
export async function repositoryRoot(dir: string): Promise<string> {
  const outcome = await git(dir, ['rev-parse', '--show-toplevel']);
  if (outcome.code !== 0)
    throw new HarnessError(
      'BAD_CONFIG',
      `gate --base/--head: ${dir} is not inside a git repository (${outcome.stderr || `git exit ${outcome.code}`})`,
    );
  return outcome.stdout;
}

/** The full commit id a revision names; a usage error naming `flag` when it names none. */
export async function resolveCommit(repoDir: string, ref: string, flag: string): Promise<string> {
  const outcome = await git(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (outcome.code !== 0 || !/^[0-9a-f]{40,64}$/.test(outcome.stdout)) {
    throw badFlag(flag, `"${ref}" is not a commit of ${repoDir} (a shallow clone needs fetch-depth: 0)`);
  }
  return outcome.stdout;
}

/** `git worktree add --detach <dir> <commit>`: the revision's files, without touching the checkout. */
export async function addWorktree(repoDir: string, dir: string, commit: string): Promise<void> {
  const outcome = await git(repoDir, ['worktree', 'add', '--detach', dir, commit]);
  if (outcome.code !== 0)
    throw new HarnessError(
      'REVISION_FAILED',
      `git worktree add ${commit.slice(0, 12)}: ${outcome.stderr || `exit ${outcome.code}`}`,
    );
}

/** Removes a worktree and its registration; safe when it is half made or already gone. */
export async function removeWorktree(repoDir: string, dir: string): Promise<void> {
  await git(repoDir, ['worktree', 'remove', '--force', dir]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
  await git(repoDir, ['worktree', 'prune']).catch(() => undefined);
}
