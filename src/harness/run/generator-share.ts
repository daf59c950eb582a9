/**
 * A load generator's share of a deployed target's seeded data (--generator i/n): every student and
 * referral id belongs to exactly one of n generators, by a hash of the id itself, so generators
 * started together on one target never send writes for the same user or referral, whatever order
 * they read the database in and whatever the others wrote to it first. The rows those writes update
 * in turn (a referrer's ranking, an organization's caches and campaigns) can still be shared.
 */
import { createHash } from 'node:crypto';
import { badFlag } from '../../core/errors.js';

/** Generator `index` (1-based) of `count`. */
export interface GeneratorShare {
  readonly index: number;
  readonly count: number;
}

/** The most generators one target is split among. */
export const maxGenerators = 1000;

/** The generator (1..count) an id belongs to. */
export function shareOf(id: string, count: number): number {
  return (createHash('md5').update(id).digest().readUInt32BE(0) % count) + 1;
}

/**
 * shareOf() in SQL, for a query that keeps one share before its LIMIT: the first 32 bits of the
 * md5 of the id's text, unsigned, modulo the count in parameter `countParam`, plus one.
 */
export function shareOfSql(column: string, countParam: string): string {
  return `((('x' || substr(md5(${column}::text), 1, 8))::bit(32)::bigint % ${countParam}::int) + 1)`;
}

/** Whether `id` is in `share`; everything is in the share of a generator alone. */
export function inShare(id: string, share: GeneratorShare | undefined): boolean {
  return share === undefined || share.count === 1 || shareOf(id, share.count) === share.index;
}

/** `--generator i/n`, with 1 <= i <= n <= maxGenerators; a bad value fails naming the flag. */
export function parseGeneratorShare(value: unknown): GeneratorShare {
  const match = /^(\d+)\/(\d+)$/.exec(String(value).trim());
  if (!match)
    throw badFlag(
      '--generator',
      `expected i/n (this generator's number and how many run), got ${JSON.stringify(value)}`,
    );
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > maxGenerators)
    throw badFlag('--generator', `expected 1 to ${maxGenerators} generators, got ${count}`);
  if (index < 1 || index > count)
    throw badFlag('--generator', `expected a generator number from 1 to ${count}, got ${index}`);
  return { index, count };
}
