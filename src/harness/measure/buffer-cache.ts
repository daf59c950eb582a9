/**
 * How much of a database's dataset sits in PostgreSQL's shared buffers, from the pg_buffercache
 * extension (shipped with the embedded server's binaries; installed here per database, which
 * needs a superuser or the pg_monitor role's rights on it).
 */
import type { Queryable } from '../../service/index.js';

/** Either the dataset's pages in shared buffers, or why they could not be counted. */
export type BufferCacheReading =
  { readonly state: 'measured'; readonly bytes: number } | { readonly state: 'unavailable'; readonly reason: string };

/**
 * Bytes of shared buffers holding pages (every fork) of the public schema's tables and
 * materialized views, their indexes and their TOAST: the same relations `databaseSizes` adds up,
 * so the figure can never exceed their size.
 */
export async function datasetInSharedBuffers(db: Queryable): Promise<BufferCacheReading> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_buffercache');
    const {
      rows: [row],
    } = await db.query<{ bytes: string }>(
      `WITH dataset AS (
         SELECT c.oid, c.reltoastrelid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')
       ), relations AS (
         SELECT oid FROM dataset
         UNION SELECT reltoastrelid FROM dataset WHERE reltoastrelid <> 0
         UNION SELECT i.indexrelid FROM pg_index i
                 WHERE i.indrelid IN (SELECT oid FROM dataset UNION SELECT reltoastrelid FROM dataset)
       )
       SELECT (count(*) * current_setting('block_size')::bigint)::text AS bytes
         FROM pg_buffercache b
         JOIN pg_class c ON b.relfilenode = pg_relation_filenode(c.oid)
        WHERE b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND c.oid IN (SELECT oid FROM relations)`,
    );
    return { state: 'measured', bytes: Number(row?.bytes ?? 0) };
  } catch (error: unknown) {
    return {
      state: 'unavailable',
      reason: `pg_buffercache: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
