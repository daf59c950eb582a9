import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { uuidBytes, type BinaryRowWriter } from '../../seed/binary-row-writer.js';
import { copyTable } from '../../seed/copy-loader.js';
import { formatUuid } from '../../src/core/prng.js';
import type { RowWriter } from '../../seed/row-writer.js';
import { createEmptyDatabase } from '../helpers/database.js';

interface Sample {
  readonly words: readonly [number, number, number, number];
  readonly org: string;
  readonly small: number;
  readonly big: number;
  readonly name: string;
  /** Epoch ms; NaN for NULL. */
  readonly at: number;
  readonly note: string | null;
}

// edge values: top bits set in every uuid word, negative and extreme integers, non-ASCII text,
// timestamps before PostgreSQL's epoch (2000), sub-second parts (both writers drop them), NULLs
const samples: readonly Sample[] = [
  {
    words: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    org: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    small: -2_147_483_648,
    big: 9_007_199_254_740_991,
    name: 'Ōzbek Gʻulom',
    at: Date.UTC(1999, 11, 31, 23, 59, 59, 999),
    note: null,
  },
  {
    words: [0, 0, 0, 0],
    org: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    small: 2_147_483_647,
    big: 1,
    name: 'Ann',
    at: Number.NaN,
    note: 'ok',
  },
  {
    words: [0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321],
    org: '00000000-0000-4000-8000-000000000001',
    small: 0,
    big: 4_294_967_296,
    name: '',
    at: Date.UTC(2026, 1, 28, 12, 30, 5, 250),
    note: 'привет',
  },
  {
    words: [0x80000000, 0x7fffffff, 0x40000000, 0x00000001],
    org: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
    small: -1,
    big: -4_294_967_297,
    name: 'x'.repeat(300),
    at: Date.UTC(1970, 0, 1),
    note: '',
  },
];
const words = Uint32Array.from(samples.flatMap((s) => s.words));
const columns = ['id', 'org', 'small', 'big', 'name', 'at', 'note'];

function writeText(out: RowWriter, i: number): void {
  const s = samples[i]!;
  out
    .text(formatUuid(words, i))
    .tab()
    .text(s.org.toLowerCase())
    .tab()
    .int(s.small)
    .tab()
    .int(s.big)
    .tab()
    .text(s.name)
    .tab()
    .timestamp(s.at)
    .tab();
  if (s.note === null) out.nul();
  else out.text(s.note);
  out.end();
}

function writeBinary(out: BinaryRowWriter, i: number): void {
  const s = samples[i]!;
  out
    .row()
    .uuid(words, i)
    .tab()
    .bytes(uuidBytes(s.org))
    .tab()
    .int4(s.small)
    .tab()
    .int8(s.big)
    .tab()
    .text(s.name)
    .tab()
    .timestamptz(s.at)
    .tab();
  if (s.note === null) out.nul();
  else out.text(s.note);
  out.end();
}

describe('COPY BINARY from the seeder', () => {
  it('loads exactly the values its text COPY loads, NULLs and edge values included', async () => {
    const client = new pg.Client(await createEmptyDatabase());
    await client.connect();
    try {
      await client.query(`SET TimeZone = 'UTC'`);
      for (const table of ['as_text', 'as_binary']) {
        await client.query(
          `CREATE TABLE ${table} (id uuid, org uuid, small integer, big bigint, name text, at timestamptz, note text)`,
        );
      }
      const text = await copyTable(client, { name: 'as_text', columns, rowCount: samples.length, write: writeText });
      const binary = await copyTable(client, {
        name: 'as_binary',
        format: 'binary',
        columns,
        rowCount: samples.length,
        write: writeBinary,
      });

      expect([text.rows, binary.rows]).toEqual([4, 4]);
      const read = async (table: string) =>
        (
          await client.query(
            `SELECT id::text, org::text, small, big::text, name, at::text, note FROM ${table} ORDER BY big`,
          )
        ).rows;
      const fromText = await read('as_text');
      expect(await read('as_binary')).toEqual(fromText);
      // and the values are the intended ones, not merely equal: version bits set, seconds kept, NULLs NULL
      expect(fromText.map((r) => r.id)).toContain('12345678-9abc-4ef0-8fed-cba987654321');
      expect(fromText.map((r) => r.at)).toEqual([
        '1970-01-01 00:00:00+00',
        null,
        '2026-02-28 12:30:05+00',
        '1999-12-31 23:59:59+00',
      ]);
      expect(fromText.filter((r) => r.note === null)).toHaveLength(1);
    } finally {
      await client.end();
    }
  });
});
