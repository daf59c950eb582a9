/**
 * `referral-bench gate`: the CI regression gate, in two modes.
 * - Revisions (`--base <ref> [--head <ref>]`, or `--aa`): builds both revisions in temporary
 *   worktrees, measures them in interleaved pairs on one PostgreSQL and decides (run-revision-gate.ts).
 * - Stored results (`gate <baseline> <candidate>`): compares two result files of `run`.
 */
import type { Command } from 'commander';
import { badFlag } from '../../core/errors.js';
import { compareResults, type StoredComparison } from '../gate/compare-results.js';
import { resolveDecisionOptions, resolveGateConfig, type GateConfigInput } from '../gate/gate-config.js';
import { runRevisionGate } from '../gate/run-revision-gate.js';
import { gateJson, writeGateReports } from '../gate/write-gate-reports.js';
import { readStoredResult } from '../result/read-result.js';

export interface GateCommandOptions {
  readonly baseline: string;
  readonly candidate: string;
  /** @default 5 */
  readonly marginPct?: number;
  /** @default 0.01 */
  readonly alpha?: number;
}

/** Library form of the stored-results mode: reads and validates both results, then compares them. */
export async function runGate(options: GateCommandOptions): Promise<StoredComparison> {
  const baseline = await readStoredResult(options.baseline);
  const candidate = await readStoredResult(options.candidate);
  return compareResults(baseline, candidate, {
    ...(options.marginPct === undefined ? {} : { marginPct: options.marginPct }),
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
  });
}

type RevisionFlags = Omit<GateConfigInput, 'cwd' | 'env' | 'now' | 'json' | 'quiet'>;
interface GateFlags extends RevisionFlags {
  readonly json: boolean;
  readonly quiet: boolean;
}

/** Flags of the revision mode only, by option key, as a user types them. */
const revisionFlags: Readonly<Record<Exclude<keyof RevisionFlags, 'margin' | 'alpha'>, string>> = {
  base: '--base',
  head: '--head',
  aa: '--aa',
  pairs: '--pairs',
  maxPairs: '--max-pairs',
  rate: '--rate',
  pairSeconds: '--pair-seconds',
  warmupSeconds: '--warmup-seconds',
  routes: '--routes',
  referrals: '--referrals',
  seed: '--seed',
  maxErrorRate: '--max-error-rate',
  injectDelay: '--inject-delay',
  out: '--out',
  provider: '--provider',
  workers: '--workers',
};

async function gateRevisions(options: GateFlags): Promise<void> {
  const config = resolveGateConfig({ ...options, cwd: process.cwd(), env: process.env });
  const t0 = performance.now();
  const log = (message: string) => {
    if (config.progress)
      process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  };
  const report = await runRevisionGate(config, log);
  const paths = await writeGateReports(report, config.outDir);
  log(`${report.outcome.headline}`);
  log(`reports: ${paths.json}, ${paths.markdown}, ${paths.junit}`);
  process.stdout.write(config.json ? gateJson(report) : `${report.outcome.headline}\n${config.outDir}\n`);
  process.exitCode = report.outcome.exitCode;
}

async function gateStoredResults(
  baseline: string | undefined,
  candidate: string | undefined,
  options: GateFlags,
): Promise<void> {
  for (const [key, flag] of Object.entries(revisionFlags)) {
    if (options[key as keyof RevisionFlags] !== undefined)
      throw badFlag(flag, 'applies to the revision gate only (with --base, --head or --aa), not to two stored results');
  }
  if (baseline === undefined || candidate === undefined) {
    throw badFlag(
      '--base',
      'give two revisions (--base <ref> [--head <ref>], or --aa) or two stored results (<baseline> <candidate>)',
    );
  }
  const comparison = await runGate({ baseline, candidate, ...resolveDecisionOptions(options) });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  } else {
    for (const metric of comparison.decision?.metrics.filter((m) => m.verdict === 'regression') ?? []) {
      process.stdout.write(
        `REGRESSION ${metric.id}: ${metric.changePct >= 0 ? '+' : ''}${metric.changePct.toFixed(1)}% (adjusted p ${metric.adjustedPRegression.toPrecision(2)})\n`,
      );
    }
    process.stdout.write(`${comparison.headline}\n`);
  }
  process.exitCode = comparison.exitCode;
}

export function registerGate(program: Command): void {
  program
    .command('gate')
    .description(
      'CI regression gate: measure two git revisions in interleaved pairs (--base/--head), or compare two stored results; exit 1 on a regression.',
    )
    .argument('[baseline]', 'stored-results mode: baseline run folder or result.json')
    .argument('[candidate]', 'stored-results mode: candidate run folder or result.json')
    .option('--base <ref>', 'git revision to compare against (e.g. origin/main, a commit)')
    .option('--head <ref>', 'git revision under test (default HEAD)')
    .option('--aa', "A/A: run --head on both sides, to see the gate's own noise")
    .option('--pairs <n>', 'pairs before the first decision (default 20)')
    .option('--max-pairs <n>', 'extend an inconclusive decision up to this many pairs (default 40)')
    .option('--rate <req/s>', 'arrivals per second of each run, all gated routes together (default 50)')
    .option('--pair-seconds <s>', "measured seconds of each side's run in a pair (default 12)")
    .option('--warmup-seconds <s>', 'unrecorded load on each side before the first pair (default 5)')
    .option(
      '--routes <labels>',
      'gated routes, comma-separated (default student-profile,calculate-points,update-status)',
    )
    .option('--referrals <n>', 'referrals of the seeded dataset: 10000, 10k, 1m (default 10k)')
    .option('--seed <n>', 'seed of the dataset, pair orders and requests (default 42)')
    .option('--margin <pct>', 'both modes: a slowdown of less than this percent is no regression (default 5)')
    .option(
      '--alpha <p>',
      'both modes: false-alarm rate of the whole gate, over its metrics and decisions (default 0.01)',
    )
    .option('--max-error-rate <pct>', 'head requests answered with an error allowed, in percent (default 0)')
    .option(
      '--inject-delay <route:ms>',
      "calibration: the head's service adds ms to every request of one gated route (serve --test-delay)",
    )
    .option('--out <dir>', 'report folder for gate.json, gate.md, junit.xml (default reports/gate-<timestamp>)')
    .option('--provider <provider>', 'embedded (default) or external (DATABASE_URL)')
    .option('--workers <n>', 'service worker processes per side (default 1)')
    .option('--json', 'print the report (gate.json, or the comparison) as JSON on stdout', false)
    .option('--quiet', 'no progress on stderr', false)
    .addHelpText(
      'after',
      `
Revision mode needs git and runs each revision's own bin/referral-bench.js (seed, serve).
Environment: DATABASE_URL (external provider).
Exit codes: 0 no regression, or inconclusive (it says how small a regression it could have seen);
1 a regression, or head errors over --max-error-rate; 2 usage error;
3 infrastructure failure (a service did not start, a run failed, the generator was the bottleneck).`,
    )
    .action(async (baseline: string | undefined, candidate: string | undefined, options: GateFlags) => {
      if (options.base !== undefined || options.head !== undefined || options.aa) {
        if (baseline !== undefined)
          throw badFlag('--base', 'compares two revisions: drop the stored-result paths, or drop --base/--head/--aa');
        await gateRevisions(options);
      } else {
        await gateStoredResults(baseline, candidate, options);
      }
    });
}
