/**
 * What a runner sends. Scenarios build these; runners know nothing of the referral domain beyond
 * a method, a path, headers, a body, a label and the statuses that count as expected.
 */
import type { Prng } from '../core/prng-function.js';
import type { RequestOutcome } from './request-outcome.js';

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
  /**
   * Called with the response (its body parsed as JSON when it is JSON) before the request is
   * recorded, or with status 0 when none came (an error or timeout: the write's fate is unknown):
   * how a stateful scenario follows its own writes. It may return the outcome the
   * response really is (e.g. an error where the status alone looked fine). Without it the runner
   * does not read bodies.
   */
  readonly onResponse?: (response: { readonly status: number; readonly body: unknown }) => RequestOutcome | undefined;
}

/** A virtual user (closed model) or an arrival (open model), with the state a factory may use. */
export interface VirtualUser {
  /** 0-based user index (closed model) or arrival index (open model). */
  readonly index: number;
  /** How many requests this user has sent so far (0 for an open-model arrival). */
  readonly iteration: number;
}

/**
 * Builds the next request, drawing from the given PRNG; undefined when the step has nothing to
 * send (a stateful scenario with no referral left to move), which a session skips.
 */
export type RequestFactory = (prng: Prng, user: VirtualUser) => LoadRequest | undefined;

/** One step of a journey: a factory chosen with probability weight / sum of weights. */
export interface WeightedStep {
  readonly weight: number;
  readonly request: RequestFactory;
}

/** A session: requests sent in order, with think time between them, chosen by weight per virtual user. */
export interface WeightedSession {
  readonly weight: number;
  /** Named for the reports; the requests keep their route labels. */
  readonly name: string;
  /** Each step builds its request from the session's own state (what it has claimed so far). */
  readonly steps: readonly RequestFactory[];
  /** Called once the session's last step is done (or the load ended it): lets go of what it holds. */
  readonly end?: (user: VirtualUser) => void;
}
