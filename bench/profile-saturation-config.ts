/** The profile-saturation bench's flags, parsed once into a frozen config by the core parsers. */
import { badFlag } from '../src/core/errors.js';
import { parseSeed, parseWholeNumber } from '../src/core/whole-number.js';
import { parseReferralCount } from '../seed/scale.js';

export interface ProfileSaturationFlags {
  readonly referrals?: string;
  readonly students?: string;
  readonly seconds?: string;
  readonly connections?: string;
  readonly rounds?: string;
  readonly seed?: string;
  readonly pgbench?: string;
  readonly client?: string;
  readonly wrk?: string;
  readonly out?: string;
}

export interface ProfileSaturationConfig {
  /** Referrals in the one seeded dataset. */
  readonly referrals: number;
  /** Students of the largest organization both sides request, one picked at random per request. */
  readonly students: number;
  /** Seconds of each run: one side at one connection count. */
  readonly seconds: number;
  /** The connection counts tried on both sides, ascending, each once; the best rate of a round counts. */
  readonly connections: readonly number[];
  /** Rounds: each runs every connection count on both sides. */
  readonly rounds: number;
  /** The dataset's seed and the draws'. */
  readonly seed: number;
  /** The pgbench executable. */
  readonly pgbench: string;
  /**
   * What drives the service: wrk (a C client in its own process, as pgbench is one for the
   * database), or the project's saturation runner (autocannon, in this Node process).
   */
  readonly client: 'wrk' | 'runner';
  readonly wrk: string;
  readonly out: string | undefined;
}

export const defaultProfileSaturationFlags = Object.freeze({
  referrals: '1m',
  students: '20',
  seconds: '10',
  connections: '8,16,32',
  rounds: '3',
  seed: '42',
  pgbench: '/usr/bin/pgbench',
  client: 'wrk',
  wrk: '/usr/bin/wrk',
});

/** pgbench takes at most 128 script files (-f); one a student. */
const maxStudents = 128;

/** `--connections`: a comma-separated list of counts, e.g. `8,16,32`. */
function parseConnections(value: string): readonly number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === ''))
    throw badFlag('--connections', `expected a comma-separated list such as 8,16,32, got ${JSON.stringify(value)}`);
  const counts = parts.map((part) => parseWholeNumber('--connections', part, 1, 1_000));
  if (new Set(counts).size !== counts.length)
    throw badFlag('--connections', `lists a count twice: ${JSON.stringify(value)}`);
  return Object.freeze([...counts].sort((a, b) => a - b));
}

export function resolveProfileSaturationConfig(flags: ProfileSaturationFlags): Readonly<ProfileSaturationConfig> {
  const pgbench = (flags.pgbench ?? defaultProfileSaturationFlags.pgbench).trim();
  if (pgbench === '') throw badFlag('--pgbench', 'expected the path of the pgbench executable, got ""');
  return Object.freeze({
    referrals: parseReferralCount(flags.referrals ?? defaultProfileSaturationFlags.referrals),
    students: parseWholeNumber('--students', flags.students ?? defaultProfileSaturationFlags.students, 1, maxStudents),
    seconds: parseWholeNumber('--seconds', flags.seconds ?? defaultProfileSaturationFlags.seconds, 1, 600),
    connections: parseConnections(flags.connections ?? defaultProfileSaturationFlags.connections),
    rounds: parseWholeNumber('--rounds', flags.rounds ?? defaultProfileSaturationFlags.rounds, 1, 100),
    seed: parseSeed(flags.seed ?? defaultProfileSaturationFlags.seed),
    pgbench,
    client: parseClient(flags.client ?? defaultProfileSaturationFlags.client),
    wrk: (flags.wrk ?? defaultProfileSaturationFlags.wrk).trim() || '/usr/bin/wrk',
    out: flags.out,
  });
}

function parseClient(value: string): 'wrk' | 'runner' {
  if (value === 'wrk' || value === 'runner') return value;
  throw badFlag('--client', `expected wrk or runner, got ${JSON.stringify(value)}`);
}
