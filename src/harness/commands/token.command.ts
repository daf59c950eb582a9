/** `referral-bench token`: mints a bearer token for the service (load tests, manual calls). */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { badFlag } from '../../core/errors.js';
import { createTokenCodec, type Role } from '../../service/index.js';

export interface TokenOptions {
  readonly org: string;
  readonly role: Role;
  readonly student?: string;
  /** Lifetime in seconds. @default 3600 */
  readonly expiresIn: number;
  /** HS256 secret; the command falls back to REFERRAL_BENCH_TOKEN_SECRET. */
  readonly tokenSecret?: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const units: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Parses `90`, `90s`, `15m`, `1h`, `7d` into seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * (units[match[2] || 's'] ?? 1) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > 366 * 86_400) {
    throw new InvalidArgumentError(`expected a duration such as 90s, 15m, 1h or 7d (at most a year), got "${value}"`);
  }
  return seconds;
}

function parseRole(value: string): Role {
  if (value !== 'admin' && value !== 'student') throw new InvalidArgumentError('expected admin or student');
  return value;
}

/** Library form of the command: the signed token, or a usage error naming the flag. */
export function mintToken(options: TokenOptions): string {
  const secret = options.tokenSecret ?? '';
  if (secret.length < 16)
    throw badFlag(
      '--token-secret',
      'a secret of at least 16 characters is required (or set REFERRAL_BENCH_TOKEN_SECRET)',
    );
  if (!uuid.test(options.org)) throw badFlag('--org', `expected an organization uuid, got "${options.org}"`);
  if (options.role === 'student' && (options.student === undefined || !uuid.test(options.student))) {
    throw badFlag('--student', 'a student token needs the student uuid');
  }
  if (options.role === 'admin' && options.student !== undefined)
    throw badFlag('--student', 'only student tokens name a student');
  return createTokenCodec(secret).sign(
    { organizationId: options.org, role: options.role, studentId: options.student },
    options.expiresIn,
  );
}

export function registerToken(program: Command): void {
  program
    .command('token')
    .description('Mint a bearer token for the referral service (printed on stdout).')
    .requiredOption('--org <uuid>', 'organization id')
    .requiredOption('--role <role>', 'admin or student', parseRole)
    .option('--student <uuid>', 'student id (student tokens)')
    .option('--expires-in <duration>', 'lifetime: 90s, 15m, 1h, 7d', parseDuration, 3600)
    .option(
      '--token-secret <secret>',
      'HS256 secret (default: REFERRAL_BENCH_TOKEN_SECRET)',
      process.env.REFERRAL_BENCH_TOKEN_SECRET,
    )
    .action((options: TokenOptions) => {
      process.stdout.write(`${mintToken(options)}\n`);
    });
}
