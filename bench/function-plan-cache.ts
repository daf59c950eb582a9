/**
 * What keeping one plan per connection saves the read functions that say
 * `SET plan_cache_mode = force_generic_plan` (not a test: it prints figures). Two clones of one
 * seeded dataset: on A each function has the setting reset (PL/pgSQL then plans its statements
 * again on every call while their generic plan looks dearer than the custom ones), B is as
 * migrated. Per function, rounds of `--calls` calls in one DO block on each side in random order,
 * scoped as the service scopes a request (its role and the organization, in a transaction rolled
 * back after, so a function that writes leaves both sides alike); a round's time over its calls is
 * one sample. The paired change is the Hodges-Lehmann estimate of the rounds' log-ratios B/A with
 * its 95% interval. Input: the largest organization.
 *
 *   npx tsx bench/function-plan-cache.ts [--referrals 1m] [--rounds 10] [--calls 200] [--out file.json]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { settleWrites } from '../src/core/database-admin.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { parseReferralCount } from '../seed/scale.js';
import { flagsOrExit } from './flags-or-exit.js';
import { type PairedClients, pairedRounds, pairedSeed, withPairedClones } from './paired-clones.js';

const { values: flags } = flagsOrExit('function-plan-cache', () =>
  parseArgs({
    options: {
      referrals: { type: 'string', default: '1m' },
      rounds: { type: 'string', default: '10' },
      calls: { type: 'string', default: '200' },
      out: { type: 'string' },
    },
  }),
);
const [, rounds, calls] = flagsOrExit('function-plan-cache', () => [
  // Checked here, before a server starts: a bad count is a usage error, not a failure part way.
  parseReferralCount(flags.referrals),
  parseWholeNumber('--rounds', flags.rounds, 6, 1000),
  parseWholeNumber('--calls', flags.calls, 1, 100_000),
]);

interface Inputs {
  readonly organization: string;
}
/**
 * The functions that keep one plan, each with its signature (for ALTER) and a call (for PERFORM).
 * A function without the setting can be listed to see what it would gain: on A the RESET changes
 * nothing, so add the setting on B first (`ALTER FUNCTION ... SET plan_cache_mode = force_generic_plan`).
 */
const functions: readonly { name: string; signature: string; call(inputs: Inputs): string }[] = [
  {
    name: 'referral_leaderboard',
    signature: 'referral_leaderboard(uuid, integer)',
    call: (i) => `referral_leaderboard('${i.organization}', 50)`,
  },
  {
    name: 'organization_dashboard',
    signature: 'organization_dashboard(uuid, boolean, integer)',
    call: (i) => `organization_dashboard('${i.organization}', true, 10)`,
  },
];

const started = new Date();
await withPairedClones(flags.referrals, 'rb_bench_plans', progress, run);

async function run(clients: PairedClients): Promise<void> {
  for (const { signature } of functions) await clients.A.query(`ALTER FUNCTION ${signature} RESET plan_cache_mode`);
  await settleWrites(clients.A);

  // Both clones hold the same rows: the inputs are read once.
  const {
    rows: [inputs],
  } = await clients.A.query<Inputs>(
    `WITH org AS (SELECT organization_id AS id FROM student_referrals GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
     SELECT org.id AS organization
       FROM org`,
  );

  const results = [];
  for (const fn of functions) {
    const block = `DO $$ BEGIN FOR i IN 1..${calls} LOOP PERFORM ${fn.call(inputs!)}; END LOOP; END $$`;
    const paired = await pairedRounds(clients, inputs!.organization, block, calls, rounds);
    results.push({
      function: fn.name,
      replannedMsPerCall: paired.aMsPerCall,
      onePlanMsPerCall: paired.bMsPerCall,
      ratio: paired.ratio,
      lower: paired.lower,
      upper: paired.upper,
    });
    progress(`${fn.name}: done`);
  }

  process.stdout.write(
    `function-plan-cache: ${flags.referrals} referrals, ${rounds} paired rounds of ${calls} calls, load average ${loadavg()[0]!.toFixed(2)}\n`,
  );
  console.table(
    results.map((r) => ({
      function: r.function,
      'replanned ms/call': r.replannedMsPerCall,
      'one plan ms/call': r.onePlanMsPerCall,
      'one plan / replanned': `x${r.ratio} [${r.lower ?? '?'} to ${r.upper ?? '?'}]`,
    })),
  );
  const report = {
    schemaVersion: 1,
    kind: 'function-plan-cache',
    startedAt: started.toISOString(),
    referrals: flags.referrals,
    seed: pairedSeed,
    rounds,
    calls,
    inputs,
    results,
  };
  const out =
    flags.out ?? join('reports', 'function-plan-cache', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
}

function progress(line: string): void {
  process.stderr.write(`[function-plan-cache] ${line}\n`);
}
