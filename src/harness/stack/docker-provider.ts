/**
 * The docker provider: PostgreSQL and Redis in containers through testcontainers. Needs a Docker
 * engine; where none answers it fails with PROVIDER_UNAVAILABLE before starting anything.
 */
import { HarnessError } from '../../core/errors.js';
import { embeddedServerSettings } from './embedded-provider.js';
import type { StackProvider, StackUrls } from './stack-provider.js';

export interface DockerProviderOptions {
  /** @default "postgres:15-alpine" */
  readonly postgresImage?: string;
  /** @default "redis:7-alpine" */
  readonly redisImage?: string;
  /** Start a Redis container too. @default true */
  readonly withRedis?: boolean;
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
      reason: `no Docker engine answers (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }
}

export class DockerProvider implements StackProvider {
  readonly name = 'docker' as const;
  readonly #options: DockerProviderOptions;
  #containers: Stoppable[] = [];

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
    try {
      const postgres = await new PostgreSqlContainer(this.#options.postgresImage ?? 'postgres:15-alpine')
        .withDatabase('referral_bench')
        .withUsername('postgres')
        .withPassword('referral-bench')
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
        const redis = await new RedisContainer(this.#options.redisImage ?? 'redis:7-alpine').start();
        this.#containers.push(redis);
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

  async down(): Promise<void> {
    const containers = this.#containers.reverse();
    this.#containers = [];
    for (const container of containers) await container.stop().catch(() => undefined);
  }
}
