/**
 * Dataset checksums. The seeder's checksum is a sha256 over the per-table hashes of the COPY
 * streams it sent (free to compute, and independent of the schema variant). databaseChecksum
 * reads a database back in primary-key order, to show that two databases hold the same rows
 * (a template and its clone, say).
 */
import { createHash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/** Combines named part hashes, in name order, into one hex sha256. */
export function combineChecksums(parts: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(parts).sort()) hash.update(`${name} ${parts[name]}\n`);
  return hash.digest('hex');
}

/** The hex sha256 of some text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const orderedTables: Readonly<Record<string, string>> = Object.freeze({
  organizations: 'id',
  achievements: 'id',
  referral_campaigns: 'id',
  students: 'id',
  student_referrals: 'id',
  user_rankings: 'user_id, organization_id',
  points_transactions: 'id',
  student_achievements: 'id',
});

/** sha256 over every seeded table (and the materialized view, where the variant has it) in key order. */
export async function databaseChecksum(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('mv_referral_analytics') IS NOT NULL AS exists`,
  );
  const tables: Record<string, string> = { ...orderedTables };
  if (rows[0]?.exists) tables.mv_referral_analytics = 'organization_id, referrer_student_id';
  const parts: Record<string, string> = {};
  for (const [table, key] of Object.entries(tables)) {
    const hash = createHash('sha256');
    const stream = client.query(copyStreams.to(`COPY (SELECT * FROM ${table} ORDER BY ${key}) TO STDOUT`));
    stream.on('data', (chunk: Buffer) => hash.update(chunk));
    await finished(stream);
    parts[table] = hash.digest('hex');
  }
  return combineChecksums(parts);
}
