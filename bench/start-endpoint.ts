/** Starts bench/trivial-endpoint-server.ts as a child process and returns its URL (shared by the generator benchmarks). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Endpoint {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): void;
}

/** @param delayMs answer after this many ms (0: at once). */
export async function startEndpoint(delayMs: number): Promise<Endpoint> {
  const script = fileURLToPath(new URL('./trivial-endpoint-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--delay-ms', String(delayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}
