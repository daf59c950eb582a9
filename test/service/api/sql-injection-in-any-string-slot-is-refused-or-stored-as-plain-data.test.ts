import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminAuth, startApi } from './api-harness.js';
import {
  buildRequests,
  createWorld,
  operationsWithoutRequests,
  securedOperations,
  toInject,
  unsetSlots,
  valueAt,
  withValue,
  type Operation,
  type RouteRequest,
  type Slot,
} from './route-requests.js';
import { createOrganization } from '../../helpers/fixtures.js';

/** Classic injections, quoting tricks, and text that is harmless but breaks naive escaping. */
const payloads = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  "') OR ('1'='1",
  "' OR ''='",
  '1 OR 1=1',
  '-1 OR 1=1',
  "'; DROP TABLE students; --",
  '1; DROP TABLE student_referrals',
  "Robert'); DROP TABLE students;--",
  '1; SELECT pg_sleep(3)',
  "'; SELECT pg_sleep(3); --",
  "' AND pg_sleep(3) IS NULL --",
  "1' OR pg_sleep(3)::text = '",
  "' UNION SELECT id, phone FROM students --",
  "' UNION ALL SELECT NULL, NULL, NULL --",
  "'; UPDATE user_rankings SET total_points = 999999; --",
  "'; DELETE FROM points_transactions; --",
  "'; RESET ROLE; SELECT set_config('app.organization_id', '', false); --",
  "'; ALTER TABLE students DISABLE ROW LEVEL SECURITY; --",
  "'; COPY students TO '/tmp/students'; --",
  '$$; DROP TABLE students; $$',
  '$tag$ DROP TABLE students $tag$',
  "\\'; DROP TABLE students; --",
  '\\',
  '\\\\',
  "E'\\x27'",
  '%27 OR 1=1 --',
  '\u2019 OR 1=1 --',
  '\u02BC OR 1=1 --',
  '\uFF07 OR 1=1 --',
  '\u2018; DROP TABLE students; --',
  "'\u0000; DROP TABLE students; --",
  '\u0000',
  "admin'/*",
  '*/ OR 1=1 /*',
  "'||(SELECT version())||'",
  "'::text || current_user || '",
  "00000000-0000-4000-8000-000000000000' OR '1'='1",
  '{"$ne": null}',
  "O'Brien",
  // Shaped like an email, so the loose email format accepts them and they must be stored as given.
  "o'neil@example.test",
  "x'or'1'='1@example.test",
  "x@y.z';DROP/**/TABLE/**/students;--",
];

/** Text PostgreSQL writes when it parses a value as SQL: a payload that caused it reached the parser as code. */
const sqlParserText = /syntax error|at or near|unterminated|SQLSTATE/i;
/** A payload run as SQL that sleeps would hold its request at least this long. */
const sleptMs = 2000;

/** Every row of every table, by table, as JSON text. */
async function allRows(pool: pg.Pool): Promise<Map<string, Set<string>>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const snapshot = new Map<string, Set<string>>();
  for (const { name } of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${name} t`);
    snapshot.set(name, new Set(rows.map((r) => r.row)));
  }
  return snapshot;
}

/** Rows that are in one snapshot and not the other, by table. */
function changedRows(
  before: Map<string, Set<string>>,
  after: Map<string, Set<string>>,
): Array<{ table: string; row: Record<string, unknown> }> {
  const changed: Array<{ table: string; row: Record<string, unknown> }> = [];
  for (const [table, rows] of after) {
    const old = before.get(table) ?? new Set<string>();
    for (const row of rows) if (!old.has(row)) changed.push({ table, row: JSON.parse(row) as Record<string, unknown> });
    for (const row of old) if (!rows.has(row)) changed.push({ table, row: JSON.parse(row) as Record<string, unknown> });
  }
  return changed;
}

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('SQL injection payloads in every string slot of every documented route', () => {
  it('are refused with a 4xx, or stored byte for byte as data; nothing else changes and nothing runs', async () => {
    const { app, db } = await startApi('optimized', { slowOperationThresholdMs: 3_600_000 });
    const { pool } = db;
    const org = await createOrganization(pool);
    const world = await createWorld(pool, org.id);
    // A bystander organization: none of its rows may change.
    await createWorld(pool, (await createOrganization(pool)).id);
    const operations = await securedOperations(app);
    expect(operationsWithoutRequests(operations)).toEqual([]);

    // Every request is built first (building writes fixtures); each carries one payload in one slot.
    const probes: Array<{ operation: Operation; slot: Slot; payload: string; request: RouteRequest }> = [];
    const unset: string[] = [];
    for (const operation of operations) {
      const base = await buildRequests(operation, world);
      unset.push(...unsetSlots(operation, base));
      for (const slot of operation.slots) {
        const builder = base.findIndex((r) => valueAt(r, slot) !== undefined);
        for (const payload of payloads) {
          const request = (await buildRequests(operation, world))[Math.max(builder, 0)]!;
          probes.push({
            operation,
            slot,
            payload,
            request: withValue(request, slot, slot.isArray ? [payload] : payload),
          });
        }
      }
    }
    expect(unset).toEqual([]);

    const admin = adminAuth(org.id);
    const before = await allRows(pool);
    const failures: string[] = [];
    const storedReferrals = new Set<string>();
    for (const { operation, slot, payload, request } of probes) {
      const label = `${operation.operationId} ${slot.in} ${slot.name} ${JSON.stringify(payload)}`;
      const started = performance.now();
      const response = await app.inject(toInject(operation, request, admin));
      const tookMs = performance.now() - started;
      if (tookMs >= sleptMs) failures.push(`${label}: took ${Math.round(tookMs)} ms`);
      if (sqlParserText.test(response.body))
        failures.push(`${label}: the answer speaks of SQL parsing: ${response.body}`);
      if (response.statusCode >= 400 && response.statusCode < 500) continue;
      if (response.statusCode < 300) {
        // Accepted: only as a referral's text, returned and stored exactly as sent.
        const body = response.json() as Record<string, unknown>;
        const id = typeof body.id === 'string' ? body.id : '';
        const { rows } = id
          ? await pool.query<{ row: Record<string, unknown> }>(
              'SELECT to_jsonb(r) AS row FROM student_referrals r WHERE id = $1',
              [id],
            )
          : { rows: [] };
        const stored = rows[0]?.row[snakeCase(slot.name)];
        if (body[slot.name] !== payload || stored !== payload)
          failures.push(
            `${label}: ${response.statusCode}, answered ${JSON.stringify(body[slot.name])}, stored ${JSON.stringify(stored)}`,
          );
        else storedReferrals.add(id);
        continue;
      }
      failures.push(`${label}: ${response.statusCode} ${response.body}`);
    }
    expect(failures).toEqual([]);

    // What changed is the accepted referrals and their referrer's counters, nothing else.
    const referrers = new Set([...storedReferrals].length > 0 ? [world.student.id] : []);
    const unexpected = changedRows(before, await allRows(pool)).filter(
      ({ table, row }) =>
        !(
          (table === 'student_referrals' && storedReferrals.has(String(row.id))) ||
          (table === 'user_rankings' && referrers.has(String(row.user_id)))
        ),
    );
    expect(unexpected).toEqual([]);
    expect(storedReferrals.size).toBeGreaterThan(0);
  });
});
