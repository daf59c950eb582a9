/** The compiled service's settings as the environment variables its entry reads (src/service/environment.ts). */
import { serviceVariables } from '../../service/index.js';

/** The settings the harness and `serve` give the service; unset ones keep the service's default. */
export interface ServiceSettings {
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  readonly port?: number;
  readonly host?: string;
  readonly workers?: number;
  readonly tokenSecret?: string;
  readonly slowThresholdMs?: number;
  /** The referral feature. @default true */
  readonly referrals?: boolean;
  /** The calibration hook as typed, `<route>:<ms>`. */
  readonly testDelay?: string;
}

/** The variables for `settings`, only those set. */
export function serviceEnvironment(settings: ServiceSettings): Record<string, string> {
  const v = serviceVariables;
  const pairs: Array<[string, string | number | boolean | undefined]> = [
    [v.databaseUrl, settings.databaseUrl],
    [v.redisUrl, settings.redisUrl],
    [v.port, settings.port],
    [v.host, settings.host],
    [v.workers, settings.workers],
    [v.tokenSecret, settings.tokenSecret],
    [v.slowOperationThresholdMs, settings.slowThresholdMs],
    [v.referralsEnabled, settings.referrals],
    [v.testDelay, settings.testDelay],
  ];
  return Object.fromEntries(
    pairs
      .filter((pair): pair is [string, string | number | boolean] => pair[1] !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
}
