/**
 * faults: one closed-model step of the scenario's sessions, while the scenario's faults are
 * injected one window each (Redis stopped, PostgreSQL restarted, the pool exhausted by a lock,
 * a worker killed). Every request's time and outcome is kept, so each fault's cost is read from
 * the requests around it; the acknowledged writes and the invariants are checked afterwards as
 * for any step. A fault this machine cannot inject is reported as not measured, saying why.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import { HarnessError } from '../../core/errors.js';
import { childPids } from '../measure/process-memory.js';
import { RunRecorder, type RecordedRequest } from '../measure/run-recorder.js';
import type { FaultOutcome } from '../result/run-result.schema.js';
import { startRedisProcess, type RedisProcess } from '../stack/redis-process.js';
import { faultNotMeasured, faultOutcome, type FaultName, type FaultWindow } from './fault-outcome.js';
import type { RunDatabase, RunResources } from './run-resources.js';
import { openScenarioService } from './service-scenario.executor.js';
import { runScenarioPhases, type ScenarioOutcome } from './scenario-phases.js';
import { ScenarioSkipped } from './target-dataset.js';

/** A recorder that also keeps every measured request, for the fault windows. */
class KeepingRecorder extends RunRecorder {
  readonly requests: RecordedRequest[] = [];

  override record(request: RecordedRequest, repetition?: number): void {
    this.requests.push(request);
    super.record(request, repetition);
  }
}

interface Injection {
  readonly injectedAtMs: number;
  readonly clearedAtMs: number;
  readonly action: string;
}

interface FaultTargets {
  readonly resources: RunResources;
  readonly database: RunDatabase;
  readonly redis: RedisProcess | undefined;
  readonly redisProblem: string;
  readonly servicePid: number;
  readonly serviceUrl: string;
  /** An admin token of a seeded organization, for the bursts. */
  readonly adminToken: string;
}

/** Sends `count` pending-list reads at once; resolves to how many got each status (0: no answer). */
async function burstOfReads(targets: FaultTargets, count: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const status = await fetch(`${targets.serviceUrl}/admin/referrals/pending?limit=50`, {
        headers: { authorization: `Bearer ${targets.adminToken}` },
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (response) => {
          await response.body?.cancel();
          return response.status;
        },
        () => 0,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }),
  );
  return statuses;
}

/** Breaks one thing and undoes it; a string says why it could not be done here. */
async function inject(
  name: FaultName,
  holdMs: number,
  burst: number,
  targets: FaultTargets,
): Promise<Injection | string> {
  const hold = () => sleep(holdMs);
  switch (name) {
    case 'redis-down': {
      const redis = targets.redis;
      if (redis === undefined) return targets.redisProblem;
      const injectedAtMs = performance.now();
      await redis.stop();
      await hold();
      await redis.start();
      return {
        injectedAtMs,
        clearedAtMs: performance.now(),
        action: `Redis stopped for ${holdMs / 1000} s, then started again empty`,
      };
    }
    case 'postgres-restart': {
      const restart = targets.resources.restartDatabase;
      if (restart === undefined)
        return `the ${targets.resources.config.provider} provider does not own its PostgreSQL, and restarting a shared server is not the harness's to do (the embedded provider restarts its own)`;
      const injectedAtMs = performance.now();
      await restart();
      const clearedAtMs = performance.now();
      return {
        injectedAtMs,
        clearedAtMs,
        action: `PostgreSQL restarted (fast shutdown, start on the same data), down ${((clearedAtMs - injectedAtMs) / 1000).toFixed(1)} s`,
      };
    }
    case 'pool-exhausted': {
      // A connection of its own: the owner pool's may have died in an earlier restart.
      const client = new pg.Client({ connectionString: targets.database.url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        const injectedAtMs = performance.now();
        await client.query('BEGIN');
        await client.query('LOCK TABLE student_referrals IN ACCESS EXCLUSIVE MODE');
        const bursting = burst > 0 ? burstOfReads(targets, burst) : Promise.resolve(new Map<number, number>());
        await hold();
        await client.query('ROLLBACK');
        const clearedAtMs = performance.now();
        const answered = [...(await bursting)]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${n} ${status === 0 ? 'unanswered' : status}`)
          .join(', ');
        return {
          injectedAtMs,
          clearedAtMs,
          action: `every statement on student_referrals held ${holdMs / 1000} s behind a lock${burst > 0 ? `, ${burst} pending-list reads sent at once into it (${answered})` : ''}`,
        };
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    case 'worker-killed': {
      const workers = await childPids(targets.servicePid);
      const victim = workers[0];
      if (workers.length < 2 || victim === undefined)
        return `the service runs ${workers.length} worker process(es); killing one of two needs --workers 2 or more`;
      const injectedAtMs = performance.now();
      process.kill(victim, 'SIGKILL');
      return {
        injectedAtMs,
        clearedAtMs: injectedAtMs,
        action: `one of ${workers.length} service workers killed (SIGKILL)`,
      };
    }
  }
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function executeFaults(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
): Promise<ScenarioOutcome> {
  const plan = scenario.faults;
  if (plan === undefined) throw new Error(`scenario '${scenario.name}' lists no faults`);
  if (resources.config.runner === 'k6')
    throw new HarnessError(
      'BAD_FLAG',
      '--runner k6: the faults scenario times each fault against every request, which only the built-in runner reports; run it with --runner builtin',
    );
  const settings = profileOf(scenario, profile);
  const needed = plan.leadMs + plan.inject.length * plan.windowMs;
  if (settings.stepDurationMs < needed)
    throw new Error(
      `scenario '${scenario.name}': ${settings.stepDurationMs} ms of load cannot hold ${plan.inject.length} windows of ${plan.windowMs} ms after ${plan.leadMs} ms`,
    );
  const [step] = planSteps(scenario, profile);
  if (step === undefined) throw new Error(`scenario '${scenario.name}' plans no step`);

  return runScenarioPhases(resources, async (databases) => {
    const database = await databases.open(settings.referrals[0] as number, 'optimized');
    let redis: RedisProcess | undefined;
    let redisProblem = '';
    if (plan.inject.some((fault) => fault.name === 'redis-down')) {
      try {
        redis = await startRedisProcess();
      } catch (error: unknown) {
        redisProblem = error instanceof Error ? error.message : String(error);
      }
    }
    try {
      // Two workers at least, so that killing one leaves one serving.
      const service = await openScenarioService({
        resources,
        scenario,
        profile,
        database,
        service: { workers: Math.max(2, resources.config.workers), ...(redis ? { redisUrl: redis.url } : {}) },
        writesChecked: databases.checked,
      });
      const servicePid = service.pid;
      if (servicePid === undefined) {
        await service.close();
        throw new ScenarioSkipped('it kills a worker of the service, whose processes are not on this machine');
      }
      const outcomes: FaultOutcome[] = [];
      let stepResult;
      try {
        resources.log(
          `${scenario.name}: ${step.label} (${Math.round(step.loadMs / 1000)} s), faults: ${plan.inject.map((fault) => fault.name).join(', ')}`,
        );
        const adminToken = service.context.organizations[0]?.adminToken ?? '';
        const startedMs = performance.now();
        const recorder = new KeepingRecorder(startedMs, { durationMs: settings.stepDurationMs, repetitions: 1 });
        const loading = service.load(step, { phase: 'both', record: { recorder } });
        const targets: FaultTargets = {
          resources,
          database,
          redis,
          redisProblem,
          servicePid,
          serviceUrl: service.url,
          adminToken,
        };
        // Indexed by the fault's place in the plan; a fault not injected leaves a hole.
        const windows: (FaultWindow | undefined)[] = [];
        const injecting = (async () => {
          for (const [index, fault] of plan.inject.entries()) {
            const windowStartMs = startedMs + settings.warmupMs + plan.leadMs + index * plan.windowMs;
            await sleep(Math.max(0, windowStartMs - performance.now()), undefined, { signal: resources.abort }).catch(
              () => undefined,
            );
            // The previous window ends here: was the service's process still the one it started as?
            const previous = windows[index - 1];
            if (previous !== undefined)
              windows[index - 1] = { ...previous, serviceKeptRunning: processAlive(servicePid) };
            if (resources.stopped()) return;
            // A fault that cannot be injected (a server that will not come back) is reported, and the rest go on.
            const injection = await inject(fault.name, fault.holdMs, fault.burst ?? 0, targets).catch(
              (error: unknown) => `the injection failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            if (typeof injection === 'string') {
              outcomes.push(faultNotMeasured(fault.name, fault.name, injection));
              resources.log(`${scenario.name}: ${fault.name} not injected: ${injection}`);
              continue;
            }
            resources.log(`${scenario.name}: ${fault.name}: ${injection.action}`);
            windows[index] = {
              name: fault.name,
              action: injection.action,
              injectedAtMs: injection.injectedAtMs,
              clearedAtMs: injection.clearedAtMs,
              windowEndMs: windowStartMs + plan.windowMs,
              loadStartMs: startedMs + settings.warmupMs,
              serviceKeptRunning: true,
            };
          }
        })();
        // Both settle before anything else: a load must not run on while its service is closed.
        const [loaded, injected] = await Promise.allSettled([loading, injecting]);
        if (loaded.status === 'rejected') throw loaded.reason;
        if (injected.status === 'rejected') throw injected.reason;
        const load = loaded.value;
        const last = plan.inject.length - 1;
        const lastWindow = windows[last];
        if (lastWindow !== undefined) windows[last] = { ...lastWindow, serviceKeptRunning: processAlive(servicePid) };
        for (const window of windows) if (window !== undefined) outcomes.push(faultOutcome(window, recorder.requests));
        outcomes.sort(
          (a, b) => plan.inject.findIndex((f) => f.name === a.name) - plan.inject.findIndex((f) => f.name === b.name),
        );
        for (const outcome of outcomes) {
          if (outcome.state === 'measured') {
            resources.log(
              `${scenario.name}: ${outcome.name}: ${outcome.failed} of ${outcome.requests} failed (${outcome.failedInFlight} in flight), recovery ${outcome.recoveryMs === undefined ? 'none' : `${outcome.recoveryMs} ms`}, goal ${outcome.met ? 'met' : 'NOT MET'}`,
            );
          }
        }
        stepResult = await service.finish(step, load);
      } catch (error: unknown) {
        await service.close().catch(() => undefined);
        throw error;
      }
      const server = await service.close();
      const steps = resources.stopped() ? [] : [stepResult];
      if (resources.stopped()) resources.leaveUnfinished(scenario.name, [step.label]);
      return {
        name: scenario.name,
        state: resources.stopped() ? 'interrupted' : 'completed',
        steps,
        server,
        faults: outcomes,
      };
    } finally {
      await redis?.close();
    }
  });
}
