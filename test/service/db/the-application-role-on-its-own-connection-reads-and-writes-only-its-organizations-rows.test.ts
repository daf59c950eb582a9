import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { createPopulatedOrganization } from '../../helpers/fixtures.js';

const appRole = 'referral_bench_app';
const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };

// A login of its own that holds nothing and starts every session as the application role
// (which cannot log in): no superuser connection is involved, and nothing the service does.
const login = { user: `rb_rls_probe_${randomBytes(4).toString('hex')}`, password: randomBytes(12).toString('hex') };
await databases.optimized.pool.query(
  `CREATE ROLE ${login.user} LOGIN NOINHERIT PASSWORD '${login.password}' IN ROLE ${appRole}`,
);
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const client of clients.splice(0)) await client.end().catch(() => undefined);
  await databases.optimized.pool.query(`DROP ROLE IF EXISTS ${login.user}`);
});

async function connectAsApp(db: TestDatabase): Promise<pg.Client> {
  const url = new URL(db.url);
  url.username = login.user;
  url.password = login.password;
  const client = new pg.Client({ connectionString: url.toString(), options: `-c role=${appRole}` });
  clients.push(client);
  await client.connect();
  return client;
}

interface Relation {
  name: string;
  kind: 'r' | 'v' | 'm';
  /** The column naming the organization. */
  column: string;
  rls: boolean;
  /** Owned by the application role (an owner is exempt from its table's policies). */
  owned: boolean;
  /** The application role may SELECT it. */
  readable: boolean;
  /** Columns without a default or identity: what a copied row must carry. */
  columnsWithoutDefault: string[];
}

/** Every table, view and materialized view with an organization column, as the catalogue has it. */
async function tenantRelations(pool: pg.Pool): Promise<Relation[]> {
  const { rows } = await pool.query<Relation>(
    `SELECT c.relname AS name, c.relkind AS kind, CASE WHEN c.relname = 'organizations' THEN 'id' ELSE 'organization_id' END AS column,
            c.relrowsecurity AS rls, pg_get_userbyid(c.relowner) = $1 AS owned, has_table_privilege($1, c.oid, 'SELECT') AS readable,
            ARRAY(SELECT a.attname::text FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND d.oid IS NULL AND a.attidentity = ''
                   ORDER BY a.attnum) AS "columnsWithoutDefault"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm')
        AND (c.relname = 'organizations' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped))
      ORDER BY c.relname`,
    [appRole],
  );
  return rows;
}

/** Runs one statement in a transaction scoped the way the service scopes one (or not at all), then rolls back. */
async function attempt(
  client: pg.Client,
  organizationId: string | null,
  text: string,
  values: unknown[] = [],
): Promise<string> {
  await client.query('BEGIN');
  try {
    if (organizationId) await client.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
    const result = await client.query(text, values);
    return result.command === 'SELECT'
      ? `${String(result.rows[0]?.n ?? result.rowCount)}`
      : `${result.rowCount ?? 0} rows`;
  } catch (error: unknown) {
    return `refused ${(error as { code?: string }).code ?? String(error)}`;
  } finally {
    await client.query('ROLLBACK');
  }
}

const refused = /^(0 rows|refused (42501|RB\d{3}))$/;

describe.each(['optimized', 'baseline'] as const)('the application role on its own connection (%s)', (variant) => {
  it('is the application role, no superuser, bypassing nothing, owning nothing, and cannot become anyone else', async () => {
    const { pool } = databases[variant];
    const client = await connectAsApp(databases[variant]);
    const {
      rows: [who],
    } = await client.query<{ current_user: string; superuser: boolean; bypass: boolean }>(
      `SELECT current_user, rolsuper AS superuser, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`,
    );
    expect(who).toEqual({ current_user: appRole, superuser: false, bypass: false });
    expect((await tenantRelations(pool)).filter((r) => r.owned).map((r) => r.name)).toEqual([]);
    const {
      rows: [admin],
    } = await pool.query<{ name: string }>('SELECT current_user AS name');
    await expect(client.query(`SET ROLE ${admin!.name}`)).rejects.toMatchObject({ code: '42501' });
    // RESET goes back to the role the session started as; dropping it leaves a login that holds nothing.
    await client.query('RESET ROLE');
    expect((await client.query<{ role: string }>('SELECT current_user AS role')).rows[0]?.role).toBe(appRole);
    await client.query('SET ROLE NONE');
    await expect(client.query('SELECT count(*) FROM students')).rejects.toMatchObject({ code: '42501' });
  });

  it('puts row-level security on every table with an organization column', async () => {
    const tables = (await tenantRelations(databases[variant].pool)).filter((r) => r.kind === 'r');
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([]);
  });

  it('sees no row anywhere without an organization, and only its own with one set as the service sets it', async () => {
    const { pool } = databases[variant];
    const [mine, theirs] = [await createPopulatedOrganization(pool), await createPopulatedOrganization(pool)];
    await pool.query('SELECT refresh_referral_analytics()');
    const client = await connectAsApp(databases[variant]);
    const relations = await tenantRelations(pool);

    const unscoped: string[] = [];
    const scoped: string[] = [];
    for (const { name, column, readable } of relations) {
      unscoped.push(`${name}: ${await attempt(client, null, `SELECT count(*)::int AS n FROM ${name}`)}`);
      if (!readable) continue;
      scoped.push(
        `${name}: own ${await attempt(client, mine, `SELECT count(*)::int AS n FROM ${name} WHERE ${column} = $1`, [mine])}` +
          `, others ${await attempt(client, mine, `SELECT count(*)::int AS n FROM ${name} WHERE ${column} <> $1`, [mine])}` +
          `, theirs by id ${await attempt(client, mine, `SELECT count(*)::int AS n FROM ${name} WHERE ${column} = $1`, [theirs])}`,
      );
    }
    // Materialized views cannot carry a policy: those the role may not read at all.
    expect(unscoped).toEqual(relations.map((r) => `${r.name}: ${r.readable ? '0' : 'refused 42501'}`));
    expect(scoped.filter((line) => !/: own [1-9]\d*, others 0, theirs by id 0$/.test(line))).toEqual([]);
    expect(scoped).toHaveLength(relations.filter((r) => r.readable).length);
  });

  it("changes none of another organization's rows in any table, and moves none of its own into it", async () => {
    const { pool } = databases[variant];
    const [mine, theirs] = [await createPopulatedOrganization(pool), await createPopulatedOrganization(pool)];
    const client = await connectAsApp(databases[variant]);
    const tables = (await tenantRelations(pool)).filter((r) => r.kind === 'r');
    const digest = async () =>
      (
        await pool.query<{ d: string }>(
          `SELECT md5(string_agg(d, '|' ORDER BY d)) AS d FROM (${tables.map((t) => `SELECT md5(coalesce(string_agg(x::text, '' ORDER BY x::text), '')) AS d FROM ${t.name} x WHERE ${t.column} = $1`).join(' UNION ALL ')}) all_tables`,
          [theirs],
        )
      ).rows[0]!.d;
    const before = await digest();

    const outcomes: string[] = [];
    for (const { name, column, columnsWithoutDefault } of tables) {
      const {
        rows: [theirRow],
      } = await pool.query<{ row: object }>(`SELECT to_jsonb(t) AS row FROM ${name} t WHERE ${column} = $1 LIMIT 1`, [
        theirs,
      ]);
      // A copy of one of their rows, keys left to their defaults so only the organization can refuse it.
      const list = columnsWithoutDefault.join(', ');
      outcomes.push(
        `${name} insert theirs: ${await attempt(client, mine, `INSERT INTO ${name} (${list}) SELECT ${list} FROM jsonb_populate_record(NULL::${name}, $1::jsonb)`, [theirRow!.row])}`,
        `${name} update theirs: ${await attempt(client, mine, `UPDATE ${name} SET ${column} = ${column} WHERE ${column} = $1`, [theirs])}`,
        `${name} delete theirs: ${await attempt(client, mine, `DELETE FROM ${name} WHERE ${column} = $1`, [theirs])}`,
        `${name} move own into theirs: ${await attempt(client, mine, `UPDATE ${name} SET ${column} = $1 WHERE ${column} = $2`, [theirs, mine])}`,
        `${name} update all, no organization: ${await attempt(client, null, `UPDATE ${name} SET ${column} = ${column}`)}`,
        `${name} delete all, no organization: ${await attempt(client, null, `DELETE FROM ${name}`)}`,
      );
    }
    expect(outcomes.filter((line) => !refused.test(line.split(': ')[1]!))).toEqual([]);
    // Inserts are refused outright, never silently dropped.
    expect(outcomes.filter((line) => line.includes(' insert theirs: ') && !line.includes('refused'))).toEqual([]);
    expect(await digest()).toBe(before);
  });
});
