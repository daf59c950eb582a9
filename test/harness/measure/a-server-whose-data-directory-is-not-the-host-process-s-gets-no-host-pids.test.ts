import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { postgresPids } from '../../../src/harness/measure/process-memory.js';
import type { Queryable } from '../../../src/service/index.js';

// The tests' own embedded server runs on this machine: its pids are its own. A server in a
// container answers with pids of its own pid namespace, which can name a PostgreSQL of this
// machine; its data directory (a container path) tells them apart.
const pool = new pg.Pool({ connectionString: inject('adminUrl'), max: 2 });
afterAll(() => pool.end());

/** The same server, claiming another data directory, as a container's would. */
const elsewhere: Queryable = {
  query: ((text: string, values?: unknown[]) =>
    /data_directory/.test(text)
      ? Promise.resolve({ rows: [{ data_directory: '/var/lib/postgresql/data-in-a-container' }] })
      : pool.query(text, values)) as Queryable['query'],
};

const own = await postgresPids(pool);
if (own.length === 0) console.warn('skipping: the embedded server has no processes readable from here (no /proc?)');

it.skipIf(own.length === 0)(
  "finds the server's processes on this machine, and none for a server whose data directory the process does not work in",
  async () => {
    expect(own.length).toBeGreaterThan(1);
    expect(await postgresPids(elsewhere)).toEqual([]);
  },
);
