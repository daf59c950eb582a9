/**
 * A side's database: a fresh clone of a seeded template built by the revision's own code (its
 * migrations and seeder may differ from the running harness's), through the revision's CLI:
 * `seed --template` builds the template once per (N, seed, schema) and clones it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { HarnessError } from '../../core/errors.js';
import { onCleanup } from '../stack/cleanup.js';
import { dropDatabase, uniqueDatabaseName, withDatabase } from '../../core/database-admin.js';
import type { RevisionCheckout } from './revision-checkout.js';

export interface RevisionDatabase {
  readonly name: string;
  readonly url: string;
  /** The dataset checksum the revision's seeder reported (equal on both sides of an A/A gate). */
  readonly checksum: string;
  /** The template it was cloned from. */
  readonly template: string | undefined;
  /** A small owner pool for the scenario context (not the service's). */
  readonly pool: pg.Pool;
  /** Closes the pool and drops the clone (idempotent). */
  drop(): Promise<void>;
}

export interface RevisionDatabaseOptions {
  readonly revision: RevisionCheckout;
  /** Maintenance URL (database `postgres`) of the shared server. */
  readonly adminUrl: string;
  readonly referrals: number;
  readonly seed: number;
  /** Short name for the clone, e.g. `base` or `head`. */
  readonly side: string;
  /** Folder for the seed manifest. */
  readonly scratchDir: string;
}

/** Seeds (or clones) with the revision's CLI, then VACUUM ANALYZEs the clone as `run` does. */
export async function createRevisionDatabase(options: RevisionDatabaseOptions): Promise<RevisionDatabase> {
  const name = uniqueDatabaseName(`rb_gate_${options.side}`);
  const url = withDatabase(options.adminUrl, name);
  const manifestPath = join(options.scratchDir, `seed-${options.side}.json`);
  let pool: pg.Pool | undefined;
  let dropping: Promise<void> | undefined;
  const drop = (): Promise<void> => {
    dropping ??= (async () => {
      await pool?.end().catch(() => undefined);
      await dropDatabase(options.adminUrl, name);
      unregister();
    })();
    return dropping;
  };
  const unregister = onCleanup(drop);
  try {
    const checksum = await seedWithRevision(options.revision, url, options.referrals, options.seed, manifestPath);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { template?: string };
    pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => undefined);
    await pool.query('VACUUM ANALYZE');
    return { name, url, checksum, template: manifest.template, pool, drop };
  } catch (error: unknown) {
    await drop().catch(() => undefined);
    throw error;
  }
}

/** `node <worktree>/bin/referral-bench.js seed --template ...`, the URL through DATABASE_URL (never the command line). */
function seedWithRevision(
  revision: RevisionCheckout,
  url: string,
  referrals: number,
  seed: number,
  manifestPath: string,
): Promise<string> {
  const args = [
    revision.entry,
    'seed',
    '--referrals',
    String(referrals),
    '--seed',
    String(seed),
    '--template',
    '--manifest',
    manifestPath,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: revision.dir,
        env: { ...process.env, DATABASE_URL: url },
        timeout: 60 * 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const checksum = stdout.trim().split('\n').at(-1) ?? '';
        if (error || !/^[0-9a-f]{16,}$/i.test(checksum)) {
          const tail = stderr.trim().split('\n').slice(-5).join(' | ');
          reject(
            new HarnessError(
              'REVISION_FAILED',
              `seeding with revision ${revision.commit.slice(0, 12)} failed (${error ? error.message.split('\n')[0] : 'no checksum printed'}): ${tail}`,
              { cause: error },
            ),
          );
          return;
        }
        resolve(checksum);
      },
    );
  });
}
