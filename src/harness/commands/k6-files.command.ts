/** `referral-bench k6-files`: the bundled k6 scripts and a seeded database's scenario context, for k6 run elsewhere (k8s/). */
import type { Command } from 'commander';
import { parseSeed } from '../../core/whole-number.js';
import { writeK6Files } from '../runners/k6-files.js';
import { parseDuration } from './token.command.js';

interface K6FilesFlags {
  readonly databaseUrl: string;
  readonly tokenSecret?: string;
  readonly expiresIn: number;
  readonly seed: string;
  readonly out: string;
}

export function registerK6Files(program: Command): void {
  program
    .command('k6-files')
    .description('Write every k6 script bundled and the scenario context (ids and tokens) of a seeded database: what k6 needs to run elsewhere, e.g. the TestRun in k8s/.')
    .requiredOption('--database-url <url>', 'PostgreSQL URL of the seeded database the service under load runs on', process.env.DATABASE_URL)
    .option('--token-secret <secret>', 'the service\'s token secret (default: REFERRAL_BENCH_TOKEN_SECRET)', process.env.REFERRAL_BENCH_TOKEN_SECRET)
    .option('--expires-in <duration>', 'lifetime of the context\'s tokens: 90s, 15m, 1h, 7d', parseDuration, 6 * 3600)
    .option('--seed <n>', 'seed of the context\'s sample of students and referrals', '42')
    .option('--out <dir>', 'folder for <scenario>.js and context.json', 'k8s/dist')
    .action(async (options: K6FilesFlags) => {
      const files = await writeK6Files({
        databaseUrl: options.databaseUrl, tokenSecret: options.tokenSecret ?? '', expiresInSeconds: options.expiresIn,
        seed: parseSeed(options.seed), out: options.out,
      });
      process.stderr.write(`wrote ${files.join(', ')}\n`);
    });
}
