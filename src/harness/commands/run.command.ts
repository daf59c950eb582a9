/** `referral-bench run`: the main job, from an empty machine to the four report files. */
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.js';
import { resolveRunConfig, type RunConfigInput } from '../config.js';
import { runBenchmark } from '../run/run-benchmark.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      "Deploy the service, seed it, run the profile's scenarios, check invariants and spec targets, write reports, tear down.",
    )
    .option(
      '--profile <profile>',
      'smoke (a minute), quick (under 10 minutes), full (1M referrals, 5000 users) or soak (30 minutes at a moderate load, memory trend)',
      'quick',
    )
    .option(
      '--provider <provider>',
      'embedded (default), external (DATABASE_URL) or docker (PostgreSQL, Redis and the service in containers; needs a Docker engine)',
    )
    .option('--out <dir>', 'reports folder; the run writes <dir>/<run-id>/ and points <dir>/latest at it', 'reports')
    .option('--scenario <name...>', 'run only these scenarios (default: all of the profile)')
    .option('--seed <n>', 'random seed of the dataset and the user journeys (0 to 4294967295)', '42')
    .option(
      '--runner <runner>',
      'load generator: builtin (autocannon + paced runners on their own HTTP/1.1 client) or k6',
      'builtin',
    )
    .option('--workers <n>', 'service worker processes', '1')
    .option(
      '--repeat <n>',
      'repetitions of every step, the unit each 95% interval is computed from (default: smoke 3, quick 6, full 8, soak 6)',
    )
    .option(
      '--until-decided <seconds>',
      'extra wall time the run may spend adding repetitions to steps whose rows are still inconclusive; 0 turns it off (default: smoke 0, quick 30, full 120)',
    )
    .option(
      '--with-micro [seconds]',
      'before the scenarios, run the tinybench micro-benchmarks of bench/ in a child process within this budget (default 60; 0 turns them off; on by default in the full profile)',
    )
    .option(
      '--config <file>',
      'JSON file with any of: profile, provider, out, seed, scenario, runner, workers, repeat, untilDecided, withMicro',
    )
    .option(
      '--target-url <url>',
      "benchmark a service that is already running (compose, a staging host) instead of starting one; needs --database-url (or DATABASE_URL) and the service's secret in REFERRAL_BENCH_TOKEN_SECRET",
    )
    .option(
      '--database-url <url>',
      'with --target-url: the database that service uses; the run seeds it (it must be empty or seeded by referral-bench) and writes to it',
    )
    .option(
      '--allow-remote',
      "with --target-url: allow a service or database on a host other than this machine's loopback",
      false,
    )
    .option(
      '--generator <i/n>',
      "with --target-url: this run is generator i of n loading the target together; it works only on its own share of the seeded users and referrals, disjoint from the others' (combine the n results with `referral-bench merge`)",
    )
    .option('--quiet', 'no progress on stderr', false)
    .addHelpText(
      'after',
      `
Environment: DATABASE_URL (external provider), REDIS_URL (Redis for the service's caches).
Against a deployed target (--target-url), scenarios that start or reconfigure the service
themselves (data-volume, before-after, integration-impact, faults) are skipped and say so.
Every figure is estimated from the step's repetitions with a 95% interval: a row passes when the
whole interval meets its target, fails when the whole interval misses it, and is inconclusive
when the interval contains the target (listed, with the repetitions a decision would need).
A step whose row is inconclusive runs the repetitions a decision needs (more pairs for a paired
step, more repetitions for an open-model one) within the --until-decided budget, when that many
are within four times the planned ones.
Exit codes: 0 no target failed (inconclusive rows are listed, not failed), 1 a target failed,
2 usage or configuration error, 3 infrastructure failure (a server did not start, the generator
was the bottleneck), 130 / 143 stopped by SIGINT / SIGTERM: the load stops, the servers stop, and
the result and reports are written for what finished (a second signal stops at once).`,
    )
    .action(async (options: Omit<RunConfigInput, 'env'>, command: Command) => {
      // Only what was typed: a default shown in --help must not outrank a --config file's setting.
      const typed = Object.fromEntries(
        Object.entries(options).filter(([name]) => command.getOptionValueSource(name) !== 'default'),
      ) as Omit<RunConfigInput, 'env'>;
      const config = resolveRunConfig({ ...typed, env: process.env });
      const { result, reports } = await runBenchmark(config);
      const counts = result.targets.reduce<Record<string, number>>(
        (acc, t) => ({ ...acc, [t.verdict]: (acc[t.verdict] ?? 0) + 1 }),
        {},
      );
      process.stdout.write(
        `${result.verdict.toUpperCase()}: ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}\n${reports.dir}\n`,
      );
      process.exitCode = result.exitCode ?? ExitCode.ok;
    });
}
