/**
 * What a runner sends. Scenarios build these; runners know nothing of the referral domain beyond
 * a method, a path, headers, a body, a label and the statuses that count as expected.
 */
import type { Prng } from './prng.js';

/** One HTTP request to send. */
export interface LoadRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path and query, e.g. `/students/<id>/profile`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON (content-type set by the runner). */
  readonly body?: unknown;
  /** The route label results are grouped by, e.g. `student-profile`. */
  readonly label: string;
  /**
   * Statuses the scenario expects. A listed 4xx is an expected rejection, not an error.
   * @default any 2xx/3xx
   */
  readonly expectedStatuses?: readonly number[];
}

/** A virtual user (closed model) or an arrival (open model), with the state a factory may use. */
export interface VirtualUser {
  /** 0-based user index (closed model) or arrival index (open model). */
  readonly index: number;
  /** How many requests this user has sent so far (0 for an open-model arrival). */
  readonly iteration: number;
}

/** Builds the next request; pure apart from drawing from the given PRNG. */
export type RequestFactory = (prng: Prng, user: VirtualUser) => LoadRequest;

/** One step of a journey: a factory chosen with probability weight / sum of weights. */
export interface WeightedStep {
  readonly weight: number;
  readonly request: RequestFactory;
}
