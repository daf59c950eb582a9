/**
 * The docker provider: the whole measured stack in containers through testcontainers. PostgreSQL
 * and Redis start on a network of their own; the service image is built from this checkout's
 * Dockerfile, and each scenario's service runs as a container on that network
 * (service-container.ts), so the load measures the containerised service. Needs a Docker engine;
 * where none answers it fails with PROVIDER_UNAVAILABLE before starting anything.
 */
import type { StartedNetwork } from 'testcontainers';
import { HarnessError } from '../../core/errors.js';
import { embeddedServerSettings } from './embedded-provider.js';
import {
  buildServiceImage,
  networkAliases,
  serviceContainerDefinition,
  serviceImage,
  startServiceContainer,
} from './service-container.js';
import type { ServiceProcess } from './service-process.js';
import type { ProvidedServiceOptions, StackProvider, StackUrls } from './stack-provider.js';

export interface DockerProviderOptions {
  /** @default "postgres:15-alpine" */
  readonly postgresImage?: string;
  /** @default "redis:7-alpine" */
  readonly redisImage?: string;
  /** Start a Redis container too. @default true */
  readonly withRedis?: boolean;
  /** Build the service image (up() does, before the servers start). @default true */
  readonly withService?: boolean;
}

interface Stoppable {
  stop(): Promise<unknown>;
}

/** Whether a Docker engine answers; the reason when it does not. */
export async function dockerAvailability(): Promise<{ available: true } | { available: false; reason: string }> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return { available: true };
  } catch (error: unknown) {
    return {
      available: false,
      reason: `no Docker engine answers at DOCKER_HOST, or at /var/run/docker.sock where it is unset (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }
}

export class DockerProvider implements StackProvider {
  readonly name = 'docker' as const;
  readonly #options: DockerProviderOptions;
  #containers: Stoppable[] = [];
  #network: StartedNetwork | undefined;
  #redis = false;

  constructor(options: DockerProviderOptions = {}) {
    this.#options = options;
  }

  async up(): Promise<StackUrls> {
    const availability = await dockerAvailability();
    if (!availability.available)
      throw new HarnessError(
        'PROVIDER_UNAVAILABLE',
        `docker provider: ${availability.reason}; use --provider embedded or external`,
      );
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { Network } = await import('testcontainers');
    try {
      if (this.#options.withService ?? true) await buildServiceImage();
      const network = await new Network().start();
      this.#network = network;
      const postgres = await new PostgreSqlContainer(this.#options.postgresImage ?? 'postgres:15-alpine')
        .withDatabase('referral_bench')
        .withUsername('postgres')
        .withPassword('referral-bench')
        .withNetwork(network)
        .withNetworkAliases(networkAliases.postgres)
        .withCommand([
          'postgres',
          ...Object.entries(embeddedServerSettings)
            .filter(([name]) => name !== 'listen_addresses')
            .flatMap(([name, value]) => ['-c', `${name}=${value}`]),
        ])
        .start();
      this.#containers.push(postgres);
      let redisUrl: string | undefined;
      if (this.#options.withRedis ?? true) {
        const { RedisContainer } = await import('@testcontainers/redis');
        const redis = await new RedisContainer(this.#options.redisImage ?? 'redis:7-alpine')
          .withNetwork(network)
          .withNetworkAliases(networkAliases.redis)
          .start();
        this.#containers.push(redis);
        this.#redis = true;
        redisUrl = redis.getConnectionUrl();
      }
      const databaseUrl = postgres.getConnectionUri();
      const admin = new URL(databaseUrl);
      admin.pathname = '/postgres';
      return { databaseUrl, adminUrl: admin.toString(), ...(redisUrl ? { redisUrl } : {}) };
    } catch (error: unknown) {
      await this.down();
      throw new HarnessError(
        'PROVIDER_FAILED',
        `docker provider: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  /** The image each scenario's service runs, once up() has built it. */
  get serviceImage(): string | undefined {
    return this.#network && (this.#options.withService ?? true) ? serviceImage : undefined;
  }

  /** The service on one of the run's databases, as a container on the stack's network. */
  async startService(options: ProvidedServiceOptions): Promise<ServiceProcess> {
    const network = this.#network;
    if (network === undefined || !(this.#options.withService ?? true))
      throw new Error('docker provider: startService() before up(), or without the service image');
    return startServiceContainer(serviceContainerDefinition({ ...options, withRedis: this.#redis }), network);
  }

  async down(): Promise<void> {
    const containers = this.#containers.reverse();
    const network = this.#network;
    this.#containers = [];
    this.#network = undefined;
    this.#redis = false;
    for (const container of containers) await container.stop().catch(() => undefined);
    await network?.stop().catch(() => undefined);
  }
}
