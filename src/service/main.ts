/**
 * The service's process entry (`node dist/service/main.js`), configured only from the
 * environment (environment.ts lists the variables). A missing or bad variable stops it before
 * anything starts, naming the variable; it exits 0 once a SIGTERM / SIGINT shutdown has finished.
 */
import cluster from 'node:cluster';
import { readServiceEnvironment, ServiceEnvironmentError, type ServiceStartup } from './environment.js';
import { redactUrl } from './redact-url.js';
import { startServer } from './server.js';

/** Exit codes, the same as the harness's: a bad variable is a usage error, a failed start an infrastructure one. */
const exitBadEnvironment = 2;
const exitStartFailed = 3;

function fail(code: number, message: string): never {
  process.stderr.write(`referral-bench service: ${message}\n`);
  process.exit(code);
}

let startup: ServiceStartup;
try {
  startup = readServiceEnvironment(process.env);
} catch (error: unknown) {
  if (error instanceof ServiceEnvironmentError) fail(exitBadEnvironment, `${error.code}: ${error.message}`);
  throw error;
}
const { config, host } = startup;

try {
  const server = await startServer(config, { host });
  // Workers run this file too; the primary speaks for them.
  if (!cluster.isWorker) {
    if (config.testDelay)
      process.stderr.write(
        `TEST DELAY ACTIVE: every ${config.testDelay.route} request waits ${config.testDelay.ms} ms first (calibration hook)\n`,
      );
    process.stderr.write(
      `serving ${redactUrl(config.databaseUrl)} at ${server.url} (${config.workers} worker${config.workers === 1 ? '' : 's'}, cache: ${config.redisUrl ? redactUrl(config.redisUrl) : 'in-process'})\n`,
    );
  }
  await server.closed;
} catch (error: unknown) {
  fail(
    exitStartFailed,
    `SERVICE_FAILED: the service did not start: ${error instanceof Error ? error.message : String(error)}`,
  );
}
