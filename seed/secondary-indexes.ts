/**
 * Indexes are cheaper to build once, sorted, after a bulk load than to maintain row by row
 * during it. Before the load this drops the loaded tables' secondary indexes and the primary and
 * unique keys that no foreign key depends on; afterwards it recreates them, so every key is
 * checked against all the rows. Keys that foreign keys reference stay in place throughout.
 */
import type pg from 'pg';

export interface IndexDefinition {
  readonly name: string;
  readonly table: string;
  /** `index` or a `constraint` (primary or unique key). */
  readonly kind: 'index' | 'constraint';
  /** The statements that recreate it: the index build, then (for a key) the instant ALTER TABLE that attaches it. */
  readonly sql: readonly string[];
}

/** Drops what the load would otherwise maintain row by row and returns how to recreate it. */
export async function dropIndexesForLoad(client: pg.ClientBase, tables: readonly string[]): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `
    SELECT ic.relname AS name, t.relname AS "table", 'index' AS kind, ARRAY[pg_get_indexdef(i.indexrelid)] AS sql
      FROM pg_index i
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY ($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    UNION ALL
    -- a key comes back as a plain index build (which does not lock out the table's other builds)
    -- and then an instant ALTER TABLE ... USING INDEX
    SELECT con.conname, t.relname, 'constraint',
           ARRAY[pg_get_indexdef(con.conindid),
                 format('ALTER TABLE %I ADD CONSTRAINT %I %s USING INDEX %I', t.relname, con.conname,
                        CASE con.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, (SELECT relname FROM pg_class WHERE oid = con.conindid))]
      FROM pg_constraint con
      JOIN pg_class t ON t.oid = con.conrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY ($1) AND con.contype IN ('p', 'u')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint fk WHERE fk.contype = 'f' AND fk.conindid = con.conindid)
     ORDER BY 2, 1`,
    [tables],
  );
  for (const r of rows) {
    await client.query(
      r.kind === 'index' ? `DROP INDEX "${r.name}"` : `ALTER TABLE "${r.table}" DROP CONSTRAINT "${r.name}"`,
    );
  }
  return rows;
}

/** The tables no foreign key references: they may be truncated and COPY-loaded frozen in one transaction. */
export async function unreferencedTables(client: pg.ClientBase, tables: readonly string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `
    SELECT t.relname AS name FROM pg_class t
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY ($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint fk WHERE fk.contype = 'f' AND fk.confrelid = t.oid)`,
    [tables],
  );
  return new Set(rows.map((r) => r.name));
}
