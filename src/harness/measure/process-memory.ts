/**
 * Memory of the processes under test. PostgreSQL runs as many processes sharing a buffer pool,
 * so summing RSS would count shared memory once per backend; we sum PSS (proportional set size,
 * from /proc/<pid>/smaps_rollup) where Linux offers it and fall back to RSS elsewhere.
 */
import { readFile, readlink, realpath } from 'node:fs/promises';
import type { Queryable } from '../../service/index.js';
import { withClient } from '../../core/database-admin.js';

export interface MemoryFigure {
  readonly bytes: number;
  readonly method: 'pss' | 'rss' | 'unavailable';
  readonly processes: number;
}

async function pssOrRss(
  pid: number,
  prefer: 'pss' | 'rss',
): Promise<{ bytes: number; method: 'pss' | 'rss' } | undefined> {
  if (prefer === 'pss')
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
      const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
      if (pss?.[1]) return { bytes: Number(pss[1]) * 1024, method: 'pss' };
    } catch {
      // not Linux, or not allowed: try status
    }
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (rss?.[1]) return { bytes: Number(rss[1]) * 1024, method: 'rss' };
  } catch {
    return undefined;
  }
  return undefined;
}

/** Sums the memory (PSS where available, or plain RSS when asked) of a set of process ids; missing ones are skipped. */
export async function processesMemory(pids: readonly number[], prefer: 'pss' | 'rss' = 'pss'): Promise<MemoryFigure> {
  let bytes = 0;
  let processes = 0;
  let method: MemoryFigure['method'] = 'unavailable';
  for (const pid of new Set(pids)) {
    const figure = await pssOrRss(pid, prefer);
    if (!figure) continue;
    bytes += figure.bytes;
    processes += 1;
    method = method === 'rss' ? 'rss' : figure.method;
  }
  return { bytes, method, processes };
}

/** The children of a process (Linux), e.g. a postmaster's backends or a cluster primary's workers. */
export async function childPids(pid: number): Promise<number[]> {
  try {
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return children.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Whether `pid` can be the postmaster of the server behind `db`: the postmaster works in its data
 * directory, so a process here working elsewhere is another server (a PostgreSQL on this machine
 * whose pid a container's server happens to share). Unknown (no right to read either) counts as yes.
 */
async function runsInDataDirectory(db: Queryable, pid: number): Promise<boolean> {
  const dataDirectory = await db
    .query<{ data_directory: string }>('SHOW data_directory')
    .then(({ rows }) => rows[0]?.data_directory)
    .catch(() => undefined);
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  if (dataDirectory === undefined || cwd === undefined) return true;
  return cwd === dataDirectory || cwd === (await realpath(dataDirectory).catch(() => dataDirectory));
}

/** The postmaster and every child of the server behind `db`, when it runs on this machine. */
export async function postgresPids(db: Queryable): Promise<number[]> {
  try {
    const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity UNION SELECT pg_backend_pid()`);
    const backendPids = rows.map((r) => Number(r.pid));
    const parents = new Set<number>();
    for (const pid of backendPids) {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const ppid = /^PPid:\s+(\d+)/m.exec(status)?.[1];
      if (ppid) parents.add(Number(ppid));
    }
    const postmaster = [...parents].find((pid) => pid > 1);
    if (postmaster === undefined) return [];
    // A server on another host (a deployed target's) or in a container (the docker provider's, in
    // a pid namespace of its own) has pids that name unrelated processes here.
    const command = await readFile(`/proc/${postmaster}/cmdline`, 'utf8').catch(() => '');
    if (!/postgres/.test(command)) return [];
    if (!(await runsInDataDirectory(db, postmaster))) return [];
    return [postmaster, ...(await childPids(postmaster))];
  } catch {
    return [];
  }
}

/**
 * PostgreSQL's PSS with nothing loaded and one connection open (the one asking): taken right
 * after the stack comes up, it is the server's own cost at its settings (buffer descriptors, lock
 * tables and process slots sized by shared_buffers and max_connections), which no data and no
 * query changes. Undefined when the server's processes are not visible from here.
 */
export async function idleServerMemory(databaseUrl: string): Promise<MemoryFigure | undefined> {
  const figure = await withClient(databaseUrl, async (client) => processesMemory(await postgresPids(client), 'pss'));
  return figure.method === 'unavailable' ? undefined : figure;
}

/** Database and index sizes as PostgreSQL reports them. */
export async function databaseSizes(
  db: Queryable,
): Promise<{ databaseBytes: number; indexBytes: number; tableBytes: number }> {
  const {
    rows: [row],
  } = await db.query<{ database: string; indexes: string; tables: string }>(
    `SELECT pg_database_size(current_database())::text AS database,
            coalesce(sum(pg_indexes_size(c.oid)), 0)::text AS indexes,
            coalesce(sum(pg_table_size(c.oid)), 0)::text AS tables
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')`,
  );
  return {
    databaseBytes: Number(row?.database ?? 0),
    indexBytes: Number(row?.indexes ?? 0),
    tableBytes: Number(row?.tables ?? 0),
  };
}

/**
 * The private memory (Private_Clean + Private_Dirty of /proc/<pid>/smaps_rollup) of a set of
 * processes: what each holds for itself, shared buffers left out. PostgreSQL's PSS grows for
 * half an hour as its backends touch more of the buffer pool, which is no leak; a backend that
 * leaks grows here. Undefined where Linux's rollup cannot be read.
 */
export async function processesPrivateMemory(pids: readonly number[]): Promise<number | undefined> {
  let bytes = 0;
  let read = 0;
  for (const pid of new Set(pids)) {
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
      const clean = /^Private_Clean:\s+(\d+) kB/m.exec(rollup)?.[1];
      const dirty = /^Private_Dirty:\s+(\d+) kB/m.exec(rollup)?.[1];
      if (clean === undefined || dirty === undefined) continue;
      bytes += (Number(clean) + Number(dirty)) * 1024;
      read += 1;
    } catch {
      // gone, or not Linux
    }
  }
  return read === 0 ? undefined : bytes;
}
