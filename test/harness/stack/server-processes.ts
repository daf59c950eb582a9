/** Looks at PostgreSQL servers from the outside: their processes, data directory and port. */
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';

export interface ServerProcesses {
  /** The postmaster. */
  readonly pid: number;
  /** Its data directory (`-D`). */
  readonly dataDir: string;
  /** The postmaster and its children (checkpointer, walwriter, backends...). */
  readonly pids: readonly number[];
}

function processTable(): { pid: number; ppid: number; args: string }[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .flatMap((line) => {
      const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      return match ? [{ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? '' }] : [];
    });
}

/** The server listening on `port`, found by the postmaster's command line. */
export function findServer(port: number): ServerProcesses | undefined {
  const table = processTable();
  const postmaster = table.find(
    (p) => /\bpostgres\b/.test(p.args) && p.args.includes(` -p ${port} `) && p.args.includes(' -D '),
  );
  if (!postmaster) return undefined;
  const dataDir = / -D (\S+)/.exec(postmaster.args)?.[1] ?? '';
  return {
    pid: postmaster.pid,
    dataDir,
    pids: [postmaster.pid, ...table.filter((p) => p.ppid === postmaster.pid).map((p) => p.pid)],
  };
}

/** Whether a process with this id still exists (zombies excepted: they hold no resources). */
export function alive(pid: number): boolean {
  const state = execFileSync('ps', ['-eo', 'pid=,stat='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find(([id]) => Number(id) === pid)?.[1];
  return state !== undefined && !state.startsWith('Z');
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
