/**
 * wrk as an HTTP load client for the benches (its own process, written in C, like pgbench): a
 * bounded run at a fixed number of connections over a sequence of requests, each connection's
 * thread cycling through it, with the rate of 2xx answers and the latency percentiles wrk prints.
 * Bounded in time (`-d`, and the process is killed 30 s after) and in count: each thread stops
 * once it has sent its share of `maxRequests`.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessError } from '../src/core/errors.js';

export interface WrkRequest {
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WrkRun {
  /** 2xx answers a second of the run. */
  readonly rate: number;
  readonly total: number;
  /** Answers other than 2xx or 3xx, and socket errors, as wrk counts them. */
  readonly non2xx: number;
  readonly socketErrors: number;
  readonly durationMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const luaString = (text: string): string => JSON.stringify(text);

/**
 * Lua that stops a wrk thread once it has sent `perThread` requests: call `counted()` first in
 * `request()`. wrk has no request limit of its own; `-d` bounds only the time (and wrk still
 * waits out `-d` after its threads stop, so a capped run's rate is not a rate: a safety bound).
 */
export function wrkRequestCap(perThread: number): string {
  return [
    `local cap, sent = ${Math.max(1, Math.ceil(perThread))}, 0`,
    'local function counted()',
    '  sent = sent + 1',
    '  if sent >= cap then wrk.thread:stop() end',
    'end',
  ].join('\n');
}

/**
 * Writes the Lua script that sends `requests` in order, over and over, each thread at most
 * `perThread` of them; returns its path.
 */
export async function writeWrkScript(dir: string, requests: readonly WrkRequest[], perThread: number): Promise<string> {
  const entries = requests.map((request) => {
    const headers = Object.entries(request.headers ?? {})
      .map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`)
      .join(', ');
    return `  { ${luaString(request.path)}, { ${headers} } },`;
  });
  const file = join(dir, 'requests.lua');
  await writeFile(
    file,
    [
      'local requests = {',
      ...entries,
      '}',
      'local next = 0',
      wrkRequestCap(perThread),
      'request = function()',
      '  counted()',
      '  next = next % #requests + 1',
      '  local r = requests[next]',
      '  return wrk.format("GET", r[1], r[2])',
      'end',
      '',
    ].join('\n'),
  );
  return file;
}

const unitMs: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** A latency as wrk prints it (`812.00us`, `1.23ms`, `2.01s`), in ms. */
export function wrkLatencyMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) throw new HarnessError('SERVICE_FAILED', `wrk printed a latency it cannot be read from: ${text}`);
  return Number(match[1]) * unitMs[match[2]!]!;
}

/** Reads wrk's summary (run with `--latency`). */
export function parseWrkOutput(stdout: string, seconds: number): WrkRun {
  const total = Number(/(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(stdout)?.[1] ?? Number.NaN);
  const duration = /\d+ requests in ([\d.]+(?:us|ms|s|m))/.exec(stdout)?.[1];
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(stdout);
    return match ? wrkLatencyMs(match[1]!) : Number.NaN;
  };
  if (!Number.isFinite(total) || duration === undefined)
    throw new HarnessError('SERVICE_FAILED', `wrk printed no request count:\n${stdout}`);
  const durationMs = wrkLatencyMs(duration);
  return {
    rate: (total - non2xx) / (durationMs > 0 ? durationMs / 1000 : seconds),
    total,
    non2xx,
    socketErrors,
    durationMs: Math.round(durationMs),
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
  };
}

/** The threads runWrk gives wrk at `connections`: what a script's per-thread cap is divided by. */
export function wrkThreads(connections: number): number {
  return Math.min(2, connections);
}

/**
 * Runs wrk for `seconds` at `connections` (and up to two threads) against `url` with the script
 * (written by writeWrkScript, whose cap bounds the count).
 */
export async function runWrk(options: {
  readonly wrk: string;
  readonly url: string;
  readonly script: string;
  readonly connections: number;
  readonly seconds: number;
}): Promise<WrkRun> {
  const threads = wrkThreads(options.connections);
  try {
    const { stdout } = await promisify(execFile)(
      options.wrk,
      [
        `-t${threads}`,
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--latency',
        '--timeout',
        '10s',
        '-s',
        options.script,
        options.url,
      ],
      { timeout: (options.seconds + 30) * 1000 },
    );
    return parseWrkOutput(stdout, options.seconds);
  } catch (error: unknown) {
    if (error instanceof HarnessError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new HarnessError(
      code === 'ENOENT' ? 'BAD_CONFIG' : 'SERVICE_FAILED',
      code === 'ENOENT'
        ? `${options.wrk} not found: install wrk (apt-get install wrk), or pass --client runner`
        : `wrk failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
