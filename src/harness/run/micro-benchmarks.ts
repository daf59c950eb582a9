/**
 * Runs the tinybench suite of bench/ (bench/micro-suite.ts) for a run: in a child process of its
 * own, so the harness's timers, sockets and heap share neither its event loop nor its JIT, and
 * killed at a deadline, so `--with-micro` costs at most its budget and a bounded start-up.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MicroBenchmarks } from '../result/micro-benchmarks.schema.js';
import { onCleanup } from '../stack/cleanup.js';

/** One line of the suite's output (bench/micro-suite.ts prints them): a task timed, or one that threw. */
export type MicroLine =
  | {
      readonly state: 'completed';
      readonly suite: string;
      readonly name: string;
      readonly opsPerSecond: number;
      readonly meanMs: number;
      readonly marginPct?: number;
      readonly samples: number;
    }
  | { readonly state: 'errored'; readonly suite: string; readonly name: string; readonly error: string };

export interface MicroBenchmarkOptions {
  /** Time the suite divides among its tasks, ms. */
  readonly budgetMs: number;
  /** Stops the suite at once (the run was told to stop); what finished is kept. */
  readonly signal?: AbortSignal;
  /** Past the budget, the time allowed for starting node, loading the suite and the tasks' setup. @default 20000 */
  readonly startupMs?: number;
}

const suiteScript = fileURLToPath(new URL('../../../bench/micro-suite.ts', import.meta.url));
// By path, not by name: the harness may run from any working directory.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

type Task = MicroBenchmarks['tasks'][number];
type Failed = NonNullable<MicroBenchmarks['failed']>[number];

/** A line of the suite's output, or undefined for anything else it printed. */
function parseLine(text: string): MicroLine | undefined {
  try {
    const line = JSON.parse(text) as Partial<MicroLine> | null;
    if (line?.state === 'errored' && typeof line.name === 'string' && typeof line.suite === 'string')
      return line as MicroLine;
    if (
      line?.state === 'completed' &&
      typeof line.name === 'string' &&
      typeof line.suite === 'string' &&
      [line.opsPerSecond, line.meanMs, line.samples].every((n) => typeof n === 'number' && Number.isFinite(n))
    )
      return line as MicroLine;
  } catch {
    // not one of the suite's lines
  }
  return undefined;
}

export async function runMicroBenchmarks(options: MicroBenchmarkOptions): Promise<MicroBenchmarks> {
  const { budgetMs, signal } = options;
  const startedMs = performance.now();
  const tasks: Task[] = [];
  const failed: Failed[] = [];
  const stderr: string[] = [];
  const child = spawn(process.execPath, ['--import', tsxLoader, suiteScript, '--budget-ms', String(budgetMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.map(parseLine)) {
      if (line?.state === 'completed') {
        const { state: _state, ...task } = line;
        tasks.push(task);
      } else if (line?.state === 'errored') failed.push({ suite: line.suite, name: line.name, error: line.error });
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr.push(chunk);
  });

  let stoppedBy: 'deadline' | 'signal' | undefined;
  const stop = (why: 'deadline' | 'signal') => {
    stoppedBy ??= why;
    child.kill('SIGKILL');
  };
  const deadline = setTimeout(() => stop('deadline'), budgetMs + (options.startupMs ?? 20_000));
  const onAbort = () => stop('signal');
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stop('signal');
  const unregister = onCleanup(async () => {
    child.kill('SIGKILL');
  });
  const outcome = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  clearTimeout(deadline);
  signal?.removeEventListener('abort', onAbort);
  unregister();

  const durationMs = Math.round(performance.now() - startedMs);
  const kept = { budgetMs, durationMs, tasks, ...(failed.length > 0 && { failed }) };
  if (stoppedBy === 'signal') return { state: 'interrupted', reason: 'the run was stopped', ...kept };
  if (stoppedBy === 'deadline')
    return {
      state: 'timed-out',
      reason: `not finished ${Math.round(durationMs / 1000)} s after it started (budget ${budgetMs / 1000} s); the tasks timed until then are kept`,
      ...kept,
    };
  if (outcome.error || outcome.code !== 0) {
    const why =
      outcome.error?.message ??
      `exited with code ${outcome.code}${stderr.length > 0 ? `: ${stderr.join('').trim().split('\n').slice(-5).join(' ')}` : ''}`;
    return { state: 'errored', reason: `the micro-benchmark suite ${why}`, ...kept };
  }
  return { state: 'completed', ...kept };
}
