/** `referral-bench k6-files`: the bundled k6 scripts and a seeded database's scenario context, for k6 run elsewhere (k8s/). */
import type { Command } from 'commander';
import { parseSeed } from '../../core/whole-number.js';
import { HarnessError } from '../../core/errors.js';
import { writeK6Files } from '../runners/k6-files.js';
import { parseDuration } from './token.command.js';

interface K6FilesFlags {
  readonly databaseUrl: string;
  readonly expiresIn: number;
  readonly seed: string;
  readonly out: string;
}

export function registerK6Files(program: Command): void {
  program
    .command('k6-files')
    .description(
      "Write every k6 script bundled and the scenario context (ids and tokens, signed with the service's secret from REFERRAL_BENCH_TOKEN_SECRET) of a seeded database: what k6 needs to run elsewhere, e.g. the TestRun in k8s/.",
    )
    .requiredOption(
      '--database-url <url>',
      'PostgreSQL URL of the seeded database the service under load runs on',
      process.env.DATABASE_URL,
    )
    .option('--expires-in <duration>', "lifetime of the context's tokens: 90s, 15m, 1h, 7d", parseDuration, 6 * 3600)
    .option('--seed <n>', "seed of the context's sample of students and referrals", '42')
    .option('--out <dir>', 'folder for <scenario>.js and context.json', 'k8s/dist')
    .action(async (options: K6FilesFlags) => {
      if (!process.env.REFERRAL_BENCH_TOKEN_SECRET) {
        throw new HarnessError(
          'BAD_CONFIG',
          "REFERRAL_BENCH_TOKEN_SECRET: set it to the service's token secret, which signs the context's tokens",
        );
      }
      const files = await writeK6Files({
        databaseUrl: options.databaseUrl,
        tokenSecret: process.env.REFERRAL_BENCH_TOKEN_SECRET ?? '',
        expiresInSeconds: options.expiresIn,
        seed: parseSeed(options.seed),
        out: options.out,
      });
      process.stderr.write(`wrote ${files.join(', ')}\n`);
    });
}
