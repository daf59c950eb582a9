import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { finishLoad } from '../../seed/finish-load.js';

/**
 * The pool's schedule, without a server: two connections that answer the catalog as the optimized
 * schema would and take a few milliseconds a statement, recording when each one ran and where.
 * (What the statements do to a real database is checked by the seeding tests beside this one.)
 */
interface Ran {
  readonly sql: string;
  readonly connection: number;
  readonly start: number;
  readonly end: number;
}

const tables = [
  'organizations',
  'achievements',
  'students',
  'student_referrals',
  'user_rankings',
  'points_transactions',
];

function fakeConnections(
  ran: Ran[],
  msOf: (sql: string) => number,
  fails = (_sql: string) => false,
  begun: string[] = [],
): pg.Client[] {
  return [0, 1].map(
    (connection) =>
      ({
        query: async (sql: string) => {
          if (sql.includes('to_regprocedure')) return { rows: [{ histogram: true }] };
          if (sql.includes("relkind = 'm'"))
            return {
              rows: [
                { name: 'mv_referral_analytics', reads: ['student_referrals'] },
                { name: 'mv_organization_summary', reads: ['organizations', 'students'] },
              ],
            };
          const start = performance.now();
          begun.push(sql);
          await new Promise((resolve) => setTimeout(resolve, msOf(sql)));
          if (fails(sql)) throw new Error('canceling statement due to user request');
          ran.push({ sql, connection, start, end: performance.now() });
          return { rows: [] };
        },
      }) as unknown as pg.Client,
  );
}

describe('finishLoad', () => {
  it('refreshes the histogram and each view only after the tables it reads are analyzed, on both connections', async () => {
    const ran: Ran[] = [];
    // the largest table's VACUUM takes longest, so a refresh that did not wait for it would start first
    const clients = fakeConnections(ran, (sql) => (sql.includes('student_referrals)') ? 60 : 5));

    const timings = await finishLoad(clients, tables);

    const ended = (table: string) => ran.find((r) => r.sql === `VACUUM (ANALYZE) ${table}`)!.end;
    const started = (text: string) => ran.find((r) => r.sql.includes(text))!.start;
    expect(started('rebuild_ranking_points_histogram')).toBeGreaterThanOrEqual(ended('user_rankings'));
    for (const table of ['student_referrals', 'organizations', 'students'])
      expect(started('REFRESH MATERIALIZED VIEW mv_referral_analytics')).toBeGreaterThanOrEqual(ended(table));
    expect(started('REFRESH MATERIALIZED VIEW mv_organization_summary')).toBeGreaterThan(
      started('REFRESH MATERIALIZED VIEW mv_referral_analytics'),
    );
    // every table vacuumed once, and the work shared
    expect(ran.filter((r) => /^VACUUM \(ANALYZE\) \w+$/.test(r.sql)).map((r) => r.sql.slice(17))).toEqual(
      expect.arrayContaining(tables),
    );
    expect(ran.filter((r) => /^VACUUM \(ANALYZE\) \w+$/.test(r.sql) && tables.includes(r.sql.slice(17)))).toHaveLength(
      tables.length,
    );
    expect(new Set(ran.map((r) => r.connection))).toEqual(new Set([0, 1]));
    expect(timings.finishMs).toBeLessThan(timings.vacuumAnalyzeMs + timings.refreshMs);
  });

  it('rejects with the first failure and starts no statement after it', async () => {
    const begun: string[] = [];
    const clients = fakeConnections(
      [],
      () => 5,
      (sql) => sql === 'VACUUM (ANALYZE) student_referrals',
      begun,
    );

    await expect(finishLoad(clients, tables)).rejects.toThrow('canceling statement');
    const count = begun.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(begun.length).toBe(count);
    expect(begun.some((sql) => sql.includes('REFRESH'))).toBe(false);
  });
});
