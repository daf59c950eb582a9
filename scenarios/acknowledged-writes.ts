/**
 * Every write the service acknowledged (2xx) during a load, kept so the harness can check, after
 * the step, that none was lost: every created referral exists once, every acknowledged transition
 * is the referral's state or a later one, every enrollment has its one ledger row.
 */
import type { WorkState } from './work-pools.js';

/** How far along its lifecycle a state is: a later state may follow an acknowledged one, never an earlier. */
const lifecycleRank: Readonly<Record<WorkState, number>> = { pending: 0, contacted: 1, enrolled: 2, declined: 2 };

/** Counts of what was acknowledged, for a step's share (the difference of two snapshots). */
export interface WriteCounts {
  readonly created: number;
  readonly transitions: number;
  readonly enrollments: number;
  /** 409s of writes that raced another session's write on the same referral and lost. */
  readonly racedRejections: number;
}

/** One acknowledged write as the k6 script logs it and the harness replays it. */
export type AcknowledgedWrite =
  | { readonly kind: 'created'; readonly organizationId: string; readonly id: string }
  | { readonly kind: 'transitioned'; readonly id: string; readonly state: WorkState; readonly pointsAwarded?: number }
  | { readonly kind: 'raced' };

/** The prefix of a k6 log line carrying an acknowledged write. */
export const acknowledgementMarker = 'referral-bench-ack';

export class AcknowledgedWrites {
  /** @param listener told of each write as it is recorded (the k6 script logs them). */
  constructor(private readonly listener?: (write: AcknowledgedWrite) => void) {}

  /** Created referral ids, by organization. */
  readonly created = new Map<string, string>();
  /** The furthest state acknowledged per referral. */
  readonly states = new Map<string, WorkState>();
  /** Enrolled referrals with the points the response said were awarded (undefined from a bulk answer, which gives none). */
  readonly enrollments = new Map<string, number | undefined>();
  #counts = { created: 0, transitions: 0, enrollments: 0, racedRejections: 0 };

  referralCreated(organizationId: string, id: string): void {
    this.created.set(id, organizationId);
    this.#counts.created += 1;
    this.listener?.({ kind: 'created', organizationId, id });
  }

  /** An acknowledged status change (or same-status no-op) to `state`. */
  transitioned(id: string, state: WorkState, pointsAwarded?: number): void {
    const known = this.states.get(id);
    if (known === undefined || lifecycleRank[state] >= lifecycleRank[known]) this.states.set(id, state);
    this.#counts.transitions += 1;
    this.listener?.({ kind: 'transitioned', id, state, ...(pointsAwarded === undefined ? {} : { pointsAwarded }) });
    if (state === 'enrolled') {
      if (!this.enrollments.has(id)) this.#counts.enrollments += 1;
      const before = this.enrollments.get(id);
      this.enrollments.set(id, pointsAwarded ?? before);
    }
  }

  raced(): void {
    this.#counts.racedRejections += 1;
    this.listener?.({ kind: 'raced' });
  }

  /** Records a write another process acknowledged (a k6 run's, from its log). */
  replay(write: AcknowledgedWrite): void {
    if (write.kind === 'created') this.referralCreated(write.organizationId, write.id);
    else if (write.kind === 'transitioned') this.transitioned(write.id, write.state, write.pointsAwarded);
    else this.raced();
  }

  /** Counts so far; a step's own are the difference from the snapshot taken before it. */
  snapshot(): WriteCounts {
    return { ...this.#counts };
  }
}
