/**
 * One revision, built where it can run: a detached git worktree in a temporary folder with its
 * dependencies installed. Removed by `remove()`, and by the cleanup hooks on Ctrl-C or failure.
 */
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../build/service-build-info.js';
import { HarnessError } from '../../core/errors.js';
import { onCleanup } from '../stack/cleanup.js';
import { addWorktree, removeWorktree } from './git-worktree.js';
import { installWorktreeDependencies, type DependencySource } from './worktree-dependencies.js';

export interface RevisionCheckout {
  readonly commit: string;
  /** The worktree folder. */
  readonly dir: string;
  /** The revision's own CLI, `<dir>/bin/referral-bench.js`. */
  readonly entry: string;
  readonly dependencies: DependencySource;
  /** Removes the worktree (idempotent). */
  remove(): Promise<void>;
}

export interface CheckoutOptions {
  readonly repoDir: string;
  readonly commit: string;
  /** Where the worktree goes; must not exist yet. */
  readonly dir: string;
  readonly log: (line: string) => void;
}

/** Adds the worktree and installs its dependencies; on any failure nothing is left behind. */
export async function checkoutRevision(options: CheckoutOptions): Promise<RevisionCheckout> {
  const { repoDir, commit, dir } = options;
  let removing: Promise<void> | undefined;
  const remove = (): Promise<void> => {
    removing ??= (async () => {
      // The borrowed node_modules is a symlink: unlink it first so nothing can follow it.
      await rm(join(dir, 'node_modules'), { force: true }).catch(() => undefined);
      await removeWorktree(repoDir, dir);
      unregister();
    })();
    return removing;
  };
  const unregister = onCleanup(remove);
  try {
    await addWorktree(repoDir, dir, commit);
    const entry = join(dir, 'bin', 'referral-bench.js');
    await access(entry).catch(() => {
      throw new HarnessError(
        'REVISION_FAILED',
        `revision ${commit.slice(0, 12)} has no bin/referral-bench.js: it cannot be gated`,
      );
    });
    const dependencies = await installWorktreeDependencies(dir, packageRoot, (line) => options.log(`npm: ${line}`));
    return { commit, dir, entry, dependencies, remove };
  } catch (error: unknown) {
    await remove();
    throw error;
  }
}
