/**
 * Runs registered teardown functions once, on normal exit of the work, on Ctrl-C / SIGTERM, and
 * on an uncaught failure, so no embedded server or throwaway database outlives the process.
 */
type Teardown = () => Promise<void>;

const teardowns = new Set<Teardown>();
let hooked = false;

async function runAll(): Promise<void> {
  const pending = [...teardowns].reverse();
  teardowns.clear();
  for (const teardown of pending) {
    try {
      await teardown();
    } catch (error: unknown) {
      process.stderr.write(`referral-bench: cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nreferral-bench: ${signal} received, cleaning up...\n`);
      void runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/** Registers a teardown; returns a function that unregisters it (call it once torn down). */
export function onCleanup(teardown: Teardown): () => void {
  hookSignals();
  teardowns.add(teardown);
  return () => {
    teardowns.delete(teardown);
  };
}

/** Runs every registered teardown (the CLI calls this before exiting). */
export function cleanupAll(): Promise<void> {
  return runAll();
}
