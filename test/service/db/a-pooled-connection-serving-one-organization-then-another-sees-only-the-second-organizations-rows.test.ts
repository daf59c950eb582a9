import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { createOneConnectionPool, requestShapes } from './service-pool.js';

const { url, pool: admin } = await createTestDatabase('optimized');

describe.each(requestShapes)('one pooled connection, requests as $shape', ({ options }) => {
  it("serves organization A, then B, and the second request sees only B's rows", async () => {
    const db = createOneConnectionPool(url);
    const [a, b] = [await createOrganization(admin), await createOrganization(admin)];
    for (const org of [a, a, b, b, b]) await createStudent(admin, org.id);

    const read = (organizationId: string) =>
      db.withOrganization(
        organizationId,
        (tx) =>
          tx.query<{ organization_id: string; backend: number }>({
            text: 'SELECT organization_id, pg_backend_pid() AS backend FROM students',
          }),
        options,
      );
    const first = await read(a.id);
    const second = await read(b.id);

    expect(first.rows.map((row) => row.organization_id)).toEqual([a.id, a.id]);
    expect(second.rows.map((row) => row.organization_id)).toEqual([b.id, b.id, b.id]);
    // The same server session served both: what the first left behind could have leaked.
    expect(new Set([...first.rows, ...second.rows].map((row) => row.backend)).size).toBe(1);
  });
});
