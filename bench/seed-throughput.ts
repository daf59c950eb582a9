/**
 * Seeder throughput: on one embedded PostgreSQL, seeds 10k, 100k and 1M referrals into fresh
 * databases and prints seconds and rows/s for each, beside its floor (the same rows COPY-loaded
 * from files on the server with the same indexes, copy-floor.ts) and `pgbench -i -s 10` (1M
 * pgbench_accounts rows) on the same server, and the ratios. Not a test: it prints figures.
 *
 * Wall time depends on whatever else the machine runs, so each row also gives the CPU seconds
 * spent (client process plus the server's finished backends, from /proc), a figure other
 * load does not inflate much: on two idle cores the wall time cannot drop below half of it.
 *
 * With `--repetitions N`, each size is seeded and its floor measured N times, one right after the
 * other, and the seeding's ratios to its floors are judged against the 1.3x goal with their
 * interval (bench/seed-throughput-verdict.ts): one run's ratio moves by more than the margin the
 * goal leaves on this shared machine.
 *
 *   npx tsx bench/seed-throughput.ts [--sizes 10k,100k,1m] [--repetitions 1] [--pgbench /usr/bin/pgbench]
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs, promisify } from 'node:util';
import { createDatabase, dropDatabase, withClient, withDatabase } from '../src/core/database-admin.js';
import { EmbeddedProvider } from '../src/harness/stack/embedded-provider.js';
import { streamProgress } from '../src/core/progress.js';
import { parseReferralCount } from '../seed/scale.js';
import { seedDataset } from '../seed/seed-dataset.js';
import type { SeedTimings } from '../seed/manifest.js';
import { copyFloor, type CopyFloor } from './copy-floor.js';
import { flagsOrExit } from './flags-or-exit.js';
import { judgeSeeding, seedingLimit } from './seed-throughput-verdict.js';
import { parseWholeNumber } from '../src/core/whole-number.js';

const { values: flags } = flagsOrExit('seed-throughput', () =>
  parseArgs({
    options: {
      sizes: { type: 'string', default: '10k,100k,1m' },
      repetitions: { type: 'string', default: '1' },
      pgbench: { type: 'string', default: '/usr/bin/pgbench' },
    },
  }),
);
const [sizes, repetitions] = flagsOrExit('seed-throughput', () => [
  flags.sizes.split(',').map((size) => parseReferralCount(size, '--sizes')),
  parseWholeNumber('--repetitions', flags.repetitions, 1, 20),
]);
const pgbench = flags.pgbench;

interface Row {
  readonly what: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly note: string;
}

const ticksPerSecond = 100;

/** CPU seconds of a process and its reaped children (utime, stime, cutime, cstime of /proc/<pid>/stat). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // after the command name: state is field 3, so utime..cstime (fields 14-17) sit at 11-14 here
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / ticksPerSecond;
}

/** This process's CPU seconds. */
function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

const provider = new EmbeddedProvider();
const rows: Row[] = [];
const floors = new Map<number, { seed: SeedTimings; floor: CopyFloor }[]>();
try {
  const urls = await provider.up();
  process.stderr.write(`embedded PostgreSQL up; ${cpus().length} CPUs\n`);
  // the postmaster is the parent of any backend: its children's CPU is the server's work
  const postmaster = await withClient(urls.adminUrl, async (client) => {
    const {
      rows: [me],
    } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return Number(
      readFileSync(`/proc/${me!.pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ')[1],
    );
  });
  const serverCpu = () => processCpuSeconds(postmaster);

  for (const referrals of sizes) {
    for (let repetition = 1; repetition <= repetitions; repetition += 1) {
      const of = repetitions > 1 ? ` (${repetition}/${repetitions})` : '';
      const name = `rb_bench_seed_${referrals}`;
      await createDatabase(urls.adminUrl, name);
      const cpuBefore = ownCpuSeconds() + serverCpu();
      const manifest = await seedDataset({
        databaseUrl: withDatabase(urls.adminUrl, name),
        referrals,
        seed: 42,
        progress: streamProgress(),
      });
      const total = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
      const t = manifest.timings;
      rows.push({
        what: `seed ${referrals.toLocaleString('en-US')} referrals${of}`,
        seconds: t.totalMs / 1000,
        cpuSeconds: ownCpuSeconds() + serverCpu() - cpuBefore,
        rows: total,
        note: `generate ${t.generateMs} ms, load ${t.loadMs} ms, indexes ${t.indexMs} ms, vacuum/analyze ${t.vacuumAnalyzeMs} ms, MV ${t.refreshMs} ms, migrate ${t.migrateMs} ms`,
      });
      const floorCpuBefore = ownCpuSeconds() + serverCpu();
      const floor = await copyFloor(urls.adminUrl, name, Object.keys(manifest.rowCounts));
      floors.set(referrals, [...(floors.get(referrals) ?? []), { seed: t, floor }]);
      await dropDatabase(urls.adminUrl, name);
      rows.push({
        what: `floor ${referrals.toLocaleString('en-US')}${of}: COPY files`,
        seconds: (floor.loadMs + floor.indexMs) / 1000,
        cpuSeconds: ownCpuSeconds() + serverCpu() - floorCpuBefore,
        rows: floor.rows,
        note: `the same rows from files on the server, the same indexes and schedule: load ${floor.loadMs} ms, indexes ${floor.indexMs} ms`,
      });
    }
  }

  const admin = new URL(urls.adminUrl);
  await createDatabase(urls.adminUrl, 'rb_bench_pgbench');
  const serverBefore = serverCpu();
  const started = performance.now();
  // bash's `times` reports the CPU of pgbench itself (its children) on the last line
  const { stdout, stderr } = await promisify(execFile)(
    'bash',
    [
      '-c',
      '"$@"; times',
      'pgbench',
      pgbench,
      '-i',
      '-s',
      '10',
      '-h',
      admin.hostname,
      '-p',
      admin.port,
      '-U',
      decodeURIComponent(admin.username),
      'rb_bench_pgbench',
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(admin.password) } },
  );
  const seconds = (performance.now() - started) / 1000;
  await dropDatabase(urls.adminUrl, 'rb_bench_pgbench');
  const clientCpu = (stdout.trim().split('\n').at(-1) ?? '').split(/\s+/).reduce((sum, t) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return sum + (m ? Number(m[1]) * 60 + Number(m[2]) : 0);
  }, 0);
  rows.push({
    what: 'pgbench -i -s 10',
    seconds,
    cpuSeconds: clientCpu + serverCpu() - serverBefore,
    rows: 1_000_000,
    note: (/done in .*/.exec(stderr)?.[0] ?? '').trim(),
  });
} finally {
  await provider.down();
}

const pad = (text: string, width: number) => text.padEnd(width);
process.stdout.write(
  `\n${pad('what', 28)}${pad('seconds', 10)}${pad('cpu s', 8)}${pad('rows', 12)}${pad('rows/s', 12)}details\n`,
);
for (const r of rows) {
  process.stdout.write(
    `${pad(r.what, 28)}${pad(r.seconds.toFixed(2), 10)}${pad(r.cpuSeconds.toFixed(1), 8)}${pad(r.rows.toLocaleString('en-US'), 12)}` +
      `${pad(Math.round(r.rows / r.seconds).toLocaleString('en-US'), 12)}${r.note}\n`,
  );
}
for (const [referrals, runs] of floors) {
  for (const { seed, floor } of runs) {
    const floorMs = floor.loadMs + floor.indexMs;
    process.stdout.write(
      `\n${referrals.toLocaleString('en-US')} referrals against the COPY floor (${(floorMs / 1000).toFixed(2)} s): the whole seeding ${(seed.totalMs / floorMs).toFixed(2)}x, ` +
        `its generation, load and indexes ${((seed.generateMs + seed.loadMs + seed.indexMs) / floorMs).toFixed(2)}x, its load and indexes alone ${((seed.loadMs + seed.indexMs) / floorMs).toFixed(2)}x (goal: the whole seeding within ${seedingLimit}x)`,
    );
  }
  const judged = judgeSeeding(runs.map(({ seed, floor }) => seed.totalMs / (floor.loadMs + floor.indexMs)));
  const interval = judged.lower === null ? 'one reading' : `95% interval ${judged.lower} to ${judged.upper}`;
  process.stdout.write(
    `\n${referrals.toLocaleString('en-US')} referrals, ${runs.length} repetition(s): x${judged.ratio} of the floor (${interval}): ${judged.verdict}`,
  );
}
process.stdout.write('\n');
// with repetitions, the one of median time
const millions = rows
  .filter((r) => r.what.startsWith('seed 1,000,000 referrals'))
  .sort((a, b) => a.seconds - b.seconds);
const million = millions[Math.floor((millions.length - 1) / 2)];
const bench = rows.find((r) => r.what.startsWith('pgbench'));
if (million && bench) {
  process.stdout.write(
    `\n${million.what} / pgbench -i -s 10: ${(million.seconds / bench.seconds).toFixed(2)}x the time, ` +
      `${(million.rows / million.seconds / (bench.rows / bench.seconds)).toFixed(2)}x the rows/s, ${(million.cpuSeconds / bench.cpuSeconds).toFixed(1)}x the CPU ` +
      `(goal: 1M referrals under 15 s; on two idle cores at best ${(million.cpuSeconds / 2).toFixed(1)} s)\n`,
  );
}
