/** The endpoint bench's flags, parsed once into a frozen config by the core parsers. */
import { badFlag } from '../src/core/errors.js';
import { parseSeed, parseWholeNumber } from '../src/core/whole-number.js';
import { parseReferralCount } from '../seed/scale.js';
import type { RouteLabel } from '../scenarios/route-labels.js';
import { endpointJourney } from './endpoint-journey.js';

export interface EndpointBenchFlags {
  readonly referrals?: string;
  readonly samples?: string;
  readonly repetitions?: string;
  readonly warmup?: string;
  readonly warmRounds?: string;
  readonly concurrency?: string;
  readonly seed?: string;
  readonly only?: readonly string[];
  readonly out?: string;
}

export interface EndpointBenchConfig {
  readonly referrals: number;
  /** Measured requests per endpoint in each repetition. */
  readonly samples: number;
  /**
   * Passes over the endpoints after the warm-up, each measuring every endpoint: each pass's p95
   * is one repetition, and the goal is judged on them with an interval, as a run judges a step.
   */
  readonly repetitions: number;
  readonly warmup: number;
  /** How many times the warm-up requests of an endpoint outside `warmOnce` are sent. */
  readonly warmRounds: number;
  /** Requests in flight: a low-load bench sends one at a time, or two. */
  readonly concurrency: number;
  /** The dataset's seed and the inputs', as a run's `--seed`. */
  readonly seed: number;
  /** The endpoints to measure, in the journey's order. */
  readonly only: readonly RouteLabel[];
  readonly out: string | undefined;
}

export const defaultEndpointBenchFlags = Object.freeze({
  referrals: '1m',
  samples: '200',
  repetitions: '5',
  warmup: '30',
  warmRounds: '20',
  concurrency: '1',
  seed: '42',
});

export function resolveEndpointBenchConfig(flags: EndpointBenchFlags): Readonly<EndpointBenchConfig> {
  const labels = endpointJourney.map((step) => step.route);
  // `--only a --only b` or `--only a,b`
  const only =
    flags.only?.flatMap((value) =>
      value
        .split(',')
        .map((label) => label.trim())
        .filter((label) => label !== ''),
    ) ?? labels;
  const unknown = only.filter((label) => !(labels as readonly string[]).includes(label));
  if (unknown.length > 0)
    throw badFlag('--only', `no endpoint ${unknown.join(', ')}; the labels are ${labels.join(', ')}`);
  return Object.freeze({
    referrals: parseReferralCount(flags.referrals ?? defaultEndpointBenchFlags.referrals),
    samples: parseWholeNumber('--samples', flags.samples ?? defaultEndpointBenchFlags.samples, 1, 100_000),
    repetitions: parseWholeNumber('--repetitions', flags.repetitions ?? defaultEndpointBenchFlags.repetitions, 1, 100),
    warmup: parseWholeNumber('--warmup', flags.warmup ?? defaultEndpointBenchFlags.warmup, 0, 10_000),
    warmRounds: parseWholeNumber('--warm-rounds', flags.warmRounds ?? defaultEndpointBenchFlags.warmRounds, 1, 100),
    concurrency: parseWholeNumber('--concurrency', flags.concurrency ?? defaultEndpointBenchFlags.concurrency, 1, 2),
    seed: parseSeed(flags.seed ?? defaultEndpointBenchFlags.seed),
    only: Object.freeze(labels.filter((label) => only.includes(label))),
    out: flags.out,
  });
}
