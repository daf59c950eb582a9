/** Runs work as the service's database role, scoped to one organization for one transaction. */
import type pg from 'pg';

/**
 * Opens a transaction as `referral_bench_app` with `app.organization_id` set (or unset when
 * `organizationId` is null), runs `work`, and commits, or rolls back when `work` throws.
 */
export async function asOrganization<T>(
  pool: pg.Pool,
  organizationId: string | null,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE referral_bench_app');
    if (organizationId !== null)
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error: unknown) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
