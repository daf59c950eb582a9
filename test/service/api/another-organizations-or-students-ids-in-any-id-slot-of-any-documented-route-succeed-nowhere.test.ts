import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminAuth, startApi, studentAuth } from './api-harness.js';
import { snapshotTables } from './table-snapshot.js';
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
} from './route-requests.js';
import { createOrganization } from '../../helpers/fixtures.js';

// docs/domain.md: bulk processing counts another organization's ids as failed, it does not refuse.
const countsForeignIdsAsFailed: ReadonlySet<string> = new Set(['bulk-process']);

/** `own` with each id slot in turn, then all of them, taken from `foreign`; slots holding the same id in both are skipped. */
function foreignVariants(
  operation: Operation,
  own: RouteRequest,
  foreign: RouteRequest,
): Array<{ slots: string; request: RouteRequest }> {
  const differing = operation.slots.filter(
    (s) =>
      s.holdsIds &&
      valueAt(own, s) !== undefined &&
      JSON.stringify(valueAt(own, s)) !== JSON.stringify(valueAt(foreign, s)),
  );
  const variants = differing.map((s) => ({ slots: s.name, request: withValue(own, s, valueAt(foreign, s)) }));
  if (differing.length > 1) {
    variants.push({
      slots: differing.map((s) => s.name).join('+'),
      request: differing.reduce((r, s) => withValue(r, s, valueAt(foreign, s)), own),
    });
  }
  return variants;
}

/** md5 of one organization's rows in every table that has an organization column. */
async function organizationRows(pool: pg.Pool, organizationId: string): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const digests: Record<string, string> = {};
  for (const { table_name: table } of [...tables, { table_name: 'organizations' }]) {
    const column = table === 'organizations' ? 'id' : 'organization_id';
    const { rows } = await pool.query<{ digest: string }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t WHERE ${column} = $1`,
      [organizationId],
    );
    digests[table] = rows[0]!.digest;
  }
  return digests;
}

const leaked = (body: string, secrets: readonly string[]): string[] =>
  secrets.filter((secret) => body.includes(secret));

describe("another organization's or another student's ids in any id slot of any documented route", () => {
  it("succeed nowhere, reveal nothing of theirs and change no row; the same requests with the caller's own ids succeed", async () => {
    const { app, db } = await startApi('optimized', { slowOperationThresholdMs: 3_600_000 });
    const { pool } = db;
    const [orgA, orgB] = [await createOrganization(pool), await createOrganization(pool)];
    const alice = await createWorld(pool, orgA.id);
    const bob = await createWorld(pool, orgA.id, alice.campaignId);
    const carol = await createWorld(pool, orgB.id);
    // Rows of B in the organization-wide reads too: points, a cached leaderboard, a slow query.
    const carolEnrolled = await carol.contactedReferral();
    await pool.query(`UPDATE student_referrals SET status = 'enrolled' WHERE id = $1`, [carolEnrolled]);
    await pool.query(`INSERT INTO referral_leaderboard_cache VALUES ($1, 'top', '[]', now() + interval '5 minutes')`, [
      orgB.id,
    ]);
    await pool.query(
      `INSERT INTO referral_performance_metrics (organization_id, query_type, execution_time_ms) VALUES ($1, 'org_b_secret', 900)`,
      [orgB.id],
    );
    carol.secrets.push('org_b_secret');

    const operations = await securedOperations(app);
    expect(operations.length).toBeGreaterThan(0);
    expect(operationsWithoutRequests(operations)).toEqual([]);
    // Everything is built before the first probe: building writes fixtures, a probe must write nothing.
    const plans: Array<{ operation: Operation; own: RouteRequest[]; other: RouteRequest[]; sibling: RouteRequest[] }> =
      [];
    for (const operation of operations) {
      plans.push({
        operation,
        own: await buildRequests(operation, alice),
        other: await buildRequests(operation, carol),
        sibling: await buildRequests(operation, bob),
      });
    }
    expect(plans.flatMap(({ operation, own }) => unsetSlots(operation, own))).toEqual([]);
    await pool.query('SELECT refresh_referral_analytics()');

    const asAdminOfA = adminAuth(orgA.id);
    const asAlice = studentAuth(alice.student);
    const organizationB = await organizationRows(pool, orgB.id);
    let tables = await snapshotTables(pool);
    const failures: string[] = [];
    const exercised = new Set<string>();
    const probe = async (
      label: string,
      operation: Operation,
      request: RouteRequest,
      headers: Record<string, string>,
      secrets: readonly string[],
    ) => {
      const response = await app.inject(toInject(operation, request, headers));
      exercised.add(`${headers === asAlice ? 'student' : 'admin'} ${operation.operationId}`);
      const counted =
        countsForeignIdsAsFailed.has(operation.operationId) &&
        response.statusCode === 200 &&
        (response.json() as { processed?: unknown }).processed === 0;
      if (!(response.statusCode >= 400 && response.statusCode < 500) && !counted)
        failures.push(`${label}: answered ${response.statusCode}`);
      for (const secret of leaked(response.body, secrets)) failures.push(`${label}: the answer holds ${secret}`);
      const after = await snapshotTables(pool);
      if (JSON.stringify(after) !== JSON.stringify(tables)) failures.push(`${label}: rows changed`);
      tables = after;
    };

    for (const { operation, own, other, sibling } of plans) {
      for (const [i, request] of own.entries()) {
        for (const variant of foreignVariants(operation, request, other[i]!)) {
          await probe(
            `admin of A, ${operation.operationId}, B's ${variant.slots}`,
            operation,
            variant.request,
            asAdminOfA,
            carol.secrets,
          );
        }
        const bobsVariants = foreignVariants(operation, request, sibling[i]!);
        for (const variant of bobsVariants) {
          await probe(
            `Alice, ${operation.operationId}, Bob's ${variant.slots}`,
            operation,
            variant.request,
            asAlice,
            bob.secrets,
          );
        }
        if (bobsVariants.length === 0) {
          // No slot of this route can name Bob's data (organization-wide reads, admin routes): whatever
          // Alice is answered, it holds nothing of his. His id may appear: the leaderboard names students.
          const response = await app.inject(toInject(operation, request, asAlice));
          exercised.add(`student ${operation.operationId}`);
          for (const secret of leaked(
            response.body,
            bob.secrets.filter((s) => s !== bob.student.id),
          ))
            failures.push(`Alice, ${operation.operationId}: the answer holds Bob's ${secret}`);
          tables = await snapshotTables(pool);
        }
      }
    }
    expect(failures).toEqual([]);

    // The same requests with A's own ids: each succeeds, so each refusal above was the boundary's.
    for (const { operation, own } of plans) {
      for (const request of own) {
        const response = await app.inject(toInject(operation, request, asAdminOfA));
        exercised.add(`admin ${operation.operationId}`);
        if (response.statusCode >= 300)
          failures.push(
            `admin of A, ${operation.operationId}, own ids: answered ${response.statusCode} ${response.body}`,
          );
        for (const secret of leaked(response.body, carol.secrets))
          failures.push(`admin of A, ${operation.operationId}, own ids: the answer holds B's ${secret}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await organizationRows(pool, orgB.id)).toEqual(organizationB);
    expect([...exercised].sort()).toEqual(
      operations.flatMap((op) => [`admin ${op.operationId}`, `student ${op.operationId}`]).sort(),
    );
  });
});
