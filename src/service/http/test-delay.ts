/**
 * The calibration hook: a fixed delay added to every request of one route, so a benchmark gate
 * can be shown a regression of known size. Off by default; `resolveServiceConfig` refuses it in
 * production mode. Only the matching route gets a hook, so every other route runs exactly the
 * code it runs without the hook.
 *
 * Routes here answer in a few milliseconds, so a regression of 15% is a fraction of one, and a
 * timer cannot wait that precisely (its granularity is a millisecond, and it overshoots). Delays
 * under {@link spinBelowMs} ms are therefore busy-waited, precisely, holding the event loop like
 * extra CPU work would; longer ones sleep on a timer, leaving the event loop free like a slower
 * downstream call would.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, onRequestAsyncHookHandler, RouteOptions } from 'fastify';

/** Which route to slow down, and by how much. */
export interface TestDelay {
  /** A route's operationId (its label, e.g. `student-profile`) or its URL pattern (e.g. `/students/:studentId/profile`). */
  readonly route: string;
  /** Milliseconds added before the route's handler runs (0.01 to 60000; fractions allowed). */
  readonly ms: number;
}

/** Largest accepted delay: a minute. */
export const maxTestDelayMs = 60_000;
/** Smallest accepted delay. */
export const minTestDelayMs = 0.01;
/** Delays shorter than this are busy-waited; longer ones sleep on a timer. */
export const spinBelowMs = 2;

/** Parses `<route>:<ms>` (the last colon separates the milliseconds, so a URL pattern's `:param` is kept); throws with the problem. */
export function parseTestDelay(text: string): TestDelay {
  const at = text.lastIndexOf(':');
  const route = at > 0 ? text.slice(0, at).trim() : '';
  const msText = at > 0 ? text.slice(at + 1).trim() : '';
  if (!route || !/^(\d+(\.\d+)?|\.\d+)$/.test(msText))
    throw new Error(`expected <route>:<ms> (e.g. student-profile:5 or student-profile:0.5), got "${text}"`);
  const ms = Number(msText);
  if (ms < minTestDelayMs || ms > maxTestDelayMs)
    throw new Error(`the delay must be from ${minTestDelayMs} to ${maxTestDelayMs} ms, got ${ms}`);
  return Object.freeze({ route, ms });
}

function matches(route: RouteOptions, delay: TestDelay): boolean {
  const schema = route.schema as { operationId?: unknown } | undefined;
  return schema?.operationId === delay.route || route.url === delay.route;
}

/**
 * Adds the delay to the routes registered after this call that match, and fails the app's start
 * (at `ready`) when none did, naming the known operationIds.
 */
export function registerTestDelay(app: FastifyInstance, delay: TestDelay): void {
  const wait: onRequestAsyncHookHandler =
    delay.ms < spinBelowMs
      ? async () => {
          const until = performance.now() + delay.ms;
          while (performance.now() < until) {
            /* busy-wait: see the module comment */
          }
        }
      : async () => {
          await sleep(delay.ms);
        };
  const known: string[] = [];
  let matched = 0;
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { operationId?: unknown } | undefined;
    if (typeof schema?.operationId === 'string') known.push(schema.operationId);
    if (!matches(route, delay)) return;
    matched += 1;
    const existing =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [wait, ...existing];
  });
  app.addHook('onReady', async () => {
    if (matched === 0)
      throw new Error(
        `testDelay: no route is "${delay.route}" (known: ${[...new Set(known)].sort().join(', ')}; or a URL pattern)`,
      );
    app.log.warn(
      { testDelay: delay },
      `TEST DELAY ACTIVE: +${delay.ms} ms on every ${delay.route} request (calibration hook, never for production)`,
    );
  });
}
