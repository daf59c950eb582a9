import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runSeed(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/referral-bench.js', 'seed', ...args], { cwd: root }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
    });
  });
}

describe('referral-bench seed with a bad --referrals', () => {
  it('exits 2 naming --referrals, for zero, negative, non-numeric and over-50M values, and creates nothing', async () => {
    const url = await createEmptyDatabase();
    const results = await Promise.all(
      ['0', '-5', 'lots', '51m'].map(async (value) => ({
        value,
        ...(await runSeed(['--database-url', url, `--referrals=${value}`])),
      })),
    );
    for (const r of results) {
      expect({ value: r.value, code: r.code }).toEqual({ value: r.value, code: 2 });
      expect(r.stderr).toContain('--referrals');
    }
    const client = new pg.Client(url);
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
      );
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
