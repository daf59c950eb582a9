/**
 * Faults under load (run only when asked: `--scenario faults`): the concurrent-users sessions run
 * while, one window each, Redis is stopped and started again, PostgreSQL is restarted, the pool is
 * exhausted (a lock makes every statement on the referrals wait, and a burst of reads queues behind it) and one of the service's two
 * workers is killed. Per fault: the requests that failed, those of them already in flight, and the
 * time to recover; afterwards every acknowledged write is looked up and the invariants checked.
 */
import type { Scenario } from './scenario-schema.js';
import { scenario as concurrentUsers } from './concurrent-users.scenario.js';

const { load, sessions, journey, contention } = concurrentUsers;

// Ten seconds of load first, then a 15 s window per fault (70 s), and 5 s after the last.
const measuredMs = 75_000;

export const scenario = {
  name: 'faults',
  load,
  stepsBy: 'level',
  sessions,
  journey,
  contention,
  needsOwnService: "it stops and restarts PostgreSQL, Redis and the service's workers",
  faults: {
    leadMs: 10_000,
    windowMs: 15_000,
    inject: [
      { name: 'redis-down', holdMs: 5_000 },
      { name: 'postgres-restart', holdMs: 0 },
      // 100 admin pending-list reads wait behind the lock: more than the 2 x 20 connections of
      // the service's pools, whatever the level of the load.
      { name: 'pool-exhausted', holdMs: 5_000, burst: 100 },
      { name: 'worker-killed', holdMs: 0 },
    ],
  },
  profiles: {
    smoke: {
      referrals: [10_000],
      levels: [50],
      stepDurationMs: measuredMs,
      warmupMs: 5_000,
      maxRequestsPerStep: 20_000,
      repetitions: 1,
    },
    quick: {
      referrals: [100_000],
      levels: [300],
      stepDurationMs: measuredMs,
      warmupMs: 10_000,
      maxRequestsPerStep: 50_000,
      repetitions: 1,
    },
    full: {
      referrals: [1_000_000],
      levels: [1000],
      stepDurationMs: measuredMs,
      warmupMs: 10_000,
      maxRequestsPerStep: 100_000,
      repetitions: 1,
    },
  },
} as const satisfies Scenario;
