/**
 * The service as the docker provider runs it: the Dockerfile's `runtime` image, on the container
 * network of the provider's PostgreSQL and Redis (reached by the names the compose file gives
 * them), published on a loopback port of this machine, and ready once GET /health answers 200.
 * The definition is plain data, built without an engine; starting it needs one.
 */
import { GenericContainer, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { HarnessError } from '../../core/errors.js';
import { packageRoot } from '../build/service-build-info.js';
import { onCleanup } from './cleanup.js';
import { serviceEnvironment } from './service-environment.js';
import type { ServiceProcess } from './service-process.js';

/** The image the provider builds, the name the compose file's `service` gives it too. */
export const serviceImage = 'referral-bench-service:local';
/** The Dockerfile stage of the service. */
export const serviceImageTarget = 'runtime';
/** The port the image's service listens on (the Dockerfile's EXPOSE). */
export const serviceContainerPort = 3000;
/** The names PostgreSQL and Redis answer to on the provider's network, as in the compose file. */
export const networkAliases = Object.freeze({ postgres: 'postgres', redis: 'redis' });
const postgresContainerPort = 5432;
const redisContainerPort = 6379;

/** What the service container is told: everything else is the image's. */
export interface ServiceContainerSettings {
  /** The run database as the harness reaches it (a published port on this machine). */
  readonly databaseUrl: string;
  /** Whether the provider runs a Redis the service should use. */
  readonly withRedis: boolean;
  readonly workers: number;
  readonly tokenSecret: string;
  /** The referral feature. @default true */
  readonly referrals?: boolean;
  /** How long the service gets to answer /health. @default 120000 */
  readonly startupTimeoutMs?: number;
}

export interface ServiceContainerDefinition {
  readonly image: string;
  /** The service's variables (src/service/environment.ts), as serviceEnvironment() names them. */
  readonly environment: Readonly<Record<string, string>>;
  readonly containerPort: number;
  /** Published on this interface only. */
  readonly hostIp: '127.0.0.1';
  /** Ready when GET of this path on containerPort answers 200. */
  readonly healthPath: '/health';
  readonly startupTimeoutMs: number;
}

/** The same database seen from inside the network: its credentials and name, PostgreSQL's alias and port. */
export function networkDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.hostname = networkAliases.postgres;
  url.port = String(postgresContainerPort);
  return url.toString();
}

export function serviceContainerDefinition(settings: ServiceContainerSettings): ServiceContainerDefinition {
  return {
    image: serviceImage,
    environment: serviceEnvironment({
      databaseUrl: networkDatabaseUrl(settings.databaseUrl),
      ...(settings.withRedis ? { redisUrl: `redis://${networkAliases.redis}:${redisContainerPort}` } : {}),
      port: serviceContainerPort,
      // Inside the container: Docker forwards the published port to the container's interface.
      host: '0.0.0.0',
      workers: settings.workers,
      tokenSecret: settings.tokenSecret,
      ...(settings.referrals === undefined ? {} : { referrals: settings.referrals }),
    }),
    containerPort: serviceContainerPort,
    hostIp: '127.0.0.1',
    healthPath: '/health',
    startupTimeoutMs: settings.startupTimeoutMs ?? 120_000,
  };
}

/**
 * A container whose ports Docker publishes on loopback only: testcontainers' own binding takes
 * every interface, and its API names no host address, so the binding is set here.
 */
export class LoopbackContainer extends GenericContainer {
  withLoopbackPort(port: number): this {
    this.withExposedPorts(port);
    this.hostConfig.PortBindings = {
      ...this.hostConfig.PortBindings,
      [`${port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '0' }],
    };
    return this;
  }
}

/** Builds the service image from this checkout's Dockerfile (Docker's layer cache makes a rebuild quick). */
export async function buildServiceImage(): Promise<void> {
  await GenericContainer.fromDockerfile(packageRoot, 'Dockerfile')
    .withTarget(serviceImageTarget)
    .build(serviceImage, { deleteOnExit: false });
}

/** Starts the defined container on `network`; stopping it is the returned process's stop(). */
export async function startServiceContainer(
  definition: ServiceContainerDefinition,
  network: StartedNetwork,
): Promise<ServiceProcess> {
  let container: StartedTestContainer;
  try {
    container = await new LoopbackContainer(definition.image)
      .withNetwork(network)
      .withEnvironment({ ...definition.environment })
      .withLoopbackPort(definition.containerPort)
      .withWaitStrategy(Wait.forHttp(definition.healthPath, definition.containerPort).forStatusCode(200))
      .withStartupTimeout(definition.startupTimeoutMs)
      .start();
  } catch (error: unknown) {
    throw new HarnessError(
      'SERVICE_FAILED',
      `the service container (${definition.image}) did not answer ${definition.healthPath}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  let stopping: Promise<number | null> | undefined;
  const stop = (graceMs = 15_000): Promise<number | null> => {
    stopping ??= container
      .stop({ timeout: graceMs })
      .then(() => null)
      .finally(() => unregister());
    return stopping;
  };
  const unregister = onCleanup(() => stop());
  return { url: `http://127.0.0.1:${container.getMappedPort(definition.containerPort)}`, pid: undefined, stop };
}
