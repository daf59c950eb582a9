/**
 * Runs registered teardown functions once, on normal exit of the work, on Ctrl-C / SIGTERM, and
 * on an uncaught failure, so no embedded server or throwaway database outlives the process.
 * The signal handlers are installed only while something is registered: a process with nothing
 * to clean up keeps its default signal behaviour.
 */
/** Whatever a teardown resolves to is ignored. */
type Teardown = () => Promise<unknown>;

const teardowns = new Set<Teardown>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const handlers = new Map<NodeJS.Signals, () => void>();
/** A run that stops gracefully on the first signal (interruption.ts); a second signal still tears down at once. */
let graceful: ((signal: NodeJS.Signals) => void) | undefined;

async function runAll(): Promise<void> {
  const pending = [...teardowns].reverse();
  teardowns.clear();
  for (const teardown of pending) {
    try {
      await teardown();
    } catch (error: unknown) {
      process.stderr.write(
        `referral-bench: cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  }
}

function hookSignals(): void {
  if (handlers.size > 0) return;
  for (const signal of signals) {
    const handler = () => {
      if (graceful !== undefined && (signal === 'SIGINT' || signal === 'SIGTERM')) {
        const stop = graceful;
        graceful = undefined;
        process.stderr.write(
          `\nreferral-bench: ${signal} received, stopping the load and writing what finished (again to stop at once)...\n`,
        );
        // Armed again for the second signal, which takes the immediate path below.
        process.once(signal, handler);
        stop(signal);
        return;
      }
      unhookSignals();
      process.stderr.write(`\nreferral-bench: ${signal} received, cleaning up...\n`);
      void runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    handlers.set(signal, handler);
    process.once(signal, handler);
  }
}

function unhookSignals(): void {
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  handlers.clear();
}

/** Registers a teardown; returns a function that unregisters it (call it once torn down). */
export function onCleanup(teardown: Teardown): () => void {
  hookSignals();
  teardowns.add(teardown);
  return () => {
    teardowns.delete(teardown);
    if (teardowns.size === 0) unhookSignals();
  };
}

/**
 * While `stop` is set, the first SIGINT or SIGTERM calls it instead of tearing down and exiting;
 * returns a function that takes it back. Signals are hooked from now on, so the default (an
 * immediate exit) never applies while a graceful stop is possible.
 */
export function onSignalStopGracefully(stop: (signal: NodeJS.Signals) => void): () => void {
  graceful = stop;
  hookSignals();
  return () => {
    if (graceful === stop) graceful = undefined;
    if (teardowns.size === 0) unhookSignals();
  };
}

/** Runs every registered teardown (the CLI calls this before exiting). */
export function cleanupAll(): Promise<void> {
  return runAll().finally(unhookSignals);
}
