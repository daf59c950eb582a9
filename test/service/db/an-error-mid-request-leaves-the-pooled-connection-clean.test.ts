import { describe, expect, it } from 'vitest';
import type { OrgTransaction } from '../../../src/service/db/pool.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { createOneConnectionPool, requestShapes } from './service-pool.js';

const { url, pool: admin } = await createTestDatabase('optimized');
const {
  rows: [session],
} = await admin.query<{ user: string }>('SELECT session_user AS user');

/** Ways a request fails after its first statement has been sent; each writes first where it can. */
const failures: Record<string, (tx: OrgTransaction, studentId: string) => Promise<unknown>> = {
  'its statement fails': (tx) => tx.query({ text: 'SELECT 1 / $1::int', values: [0] }),
  'a named statement fails': (tx) =>
    tx.query({ name: 'clean-test-divide', text: 'SELECT 1 / $1::int AS n', values: [0] }),
  'the work throws after its statement': async (tx, studentId) => {
    await tx.query({ text: `UPDATE students SET first_name = 'Changed' WHERE id = $1`, values: [studentId] });
    throw new Error('failed after the statement');
  },
};

describe.each(requestShapes)('a request as $shape', ({ options }) => {
  it.each(Object.keys(failures))(
    'leaves its connection with no role, no organization and no open transaction when %s',
    async (failure) => {
      const db = createOneConnectionPool(url);
      const org = await createOrganization(admin);
      const student = await createStudent(admin, org.id);
      const backend = (
        await db.withOrganization(
          org.id,
          (tx) => tx.query<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid' }),
          options,
        )
      ).rows[0]!.pid;

      await expect(db.withOrganization(org.id, (tx) => failures[failure]!(tx, student.id), options)).rejects.toThrow();

      const {
        rows: [after],
      } =
        await db.query(`SELECT pg_backend_pid() AS pid, current_user AS role, current_setting('app.organization_id', true) AS organization,
      statement_timestamp() = transaction_timestamp() AS "ownTransaction"`);
      expect(after).toEqual({
        pid: backend,
        role: session!.user,
        organization: expect.toSatisfy((v: unknown) => v === null || v === ''),
        ownTransaction: true,
      });
      // The named statement failed as it ran, not as it was parsed: it runs again without a second Parse.
      const again = await db
        .withOrganization(
          org.id,
          (tx) => tx.query<{ n: number }>({ name: 'clean-test-divide', text: 'SELECT 1 / $1::int AS n', values: [1] }),
          options,
        )
        .catch((error: unknown) => error);
      expect(again).toMatchObject({ rows: [{ n: 1 }] });
    },
  );
});
