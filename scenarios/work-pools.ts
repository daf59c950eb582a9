/**
 * The load's own view of the referrals it works on: per organization, the open referrals by state,
 * moved as the load's own writes succeed, so an admin session really advances a referral
 * pending -> contacted -> enrolled (or declined) and created referrals join the pending pool.
 *
 * A session claims the referral it works on, so no other session writes it meanwhile: on one
 * generator no write races another unless the scenario asks for it. `contention` is the share of
 * claims that take a referral another session holds, as two admins working one pending list do;
 * only such a write may lose a race, and its 409 is the expected rejection of a lost race. A 409
 * on a referral no one else held is something the pools cannot explain: an error.
 */
import type { Prng } from '../src/core/prng-function.js';
import type { ReferralStatus, ScenarioContext } from './scenario-context.js';

/** The states a load moves referrals between; `expired` is the maintenance job's, never the load's. */
export type WorkState = Extract<ReferralStatus, 'pending' | 'contacted' | 'enrolled' | 'declined'>;
export type OpenState = Extract<WorkState, 'pending' | 'contacted'>;

interface Tracked {
  readonly organizationId: string;
  state: WorkState;
  /** The session working on it, if any. */
  heldBy: number | undefined;
}

/** A referral a write is about to move. */
export interface Claim {
  readonly id: string;
  readonly from: OpenState;
  /** True when another session held it: this write may lose a race. */
  readonly contended: boolean;
}

/** Open referrals per organization and state, and who is working on which. */
export class WorkPools {
  readonly #referrals = new Map<string, Tracked>();
  /** organization -> state -> ids in that state nobody holds (insertion order). */
  readonly #free = new Map<string, Record<OpenState, Set<string>>>();
  /** organization -> ids some session holds. */
  readonly #held = new Map<string, Set<string>>();
  /** Referrals a contending write took while another session held them. */
  readonly #contested = new Set<string>();
  readonly #contention: number;

  /** @param contention share of claims, 0..1, that take a referral another session holds. @default 0 */
  constructor(context: ScenarioContext, options: { readonly contention?: number } = {}) {
    this.#contention = options.contention ?? 0;
    for (const organization of context.organizations) {
      this.#free.set(organization.id, { pending: new Set(), contacted: new Set() });
      this.#held.set(organization.id, new Set());
      for (const state of ['pending', 'contacted'] as const) {
        for (const id of organization.referralIdsByStatus[state]) this.add(organization.id, id, state);
      }
    }
  }

  /** A referral the load created (or found) in `state`. */
  add(organizationId: string, id: string, state: OpenState = 'pending'): void {
    const free = this.#free.get(organizationId);
    if (free === undefined) return;
    this.#referrals.set(id, { organizationId, state, heldBy: undefined });
    free[state].add(id);
  }

  /** Referrals of the organization nobody holds in `state`. */
  available(organizationId: string, state: OpenState): number {
    return this.#free.get(organizationId)?.[state].size ?? 0;
  }

  /** Whether a contending write ever took this referral from the session holding it. */
  wasContested(id: string): boolean {
    return this.#contested.has(id);
  }

  /** The state the load last saw the referral in. */
  stateOf(id: string): WorkState | undefined {
    return this.#referrals.get(id)?.state;
  }

  /**
   * Takes one referral of the organization in one of `from` (in that order of preference) for
   * `session`; undefined when there is none. With the scenario's contention, sometimes one that
   * another session holds, which this session then does not hold.
   */
  claim(organizationId: string, from: readonly OpenState[], session: number, prng: Prng): Claim | undefined {
    if (this.#contention > 0 && prng() < this.#contention) {
      const contended = this.#heldByOther(organizationId, from, session, prng);
      if (contended) {
        this.#contested.add(contended.id);
        return contended;
      }
    }
    const free = this.#free.get(organizationId);
    for (const state of from) {
      const pool = free?.[state];
      const first = pool?.values().next();
      if (pool === undefined || first === undefined || first.done === true) continue;
      const id = first.value;
      pool.delete(id);
      this.#hold(id, session);
      return { id, from: state, contended: false };
    }
    return undefined;
  }

  /** Takes up to `count` referrals in `from` for one write (a bulk request). */
  claimMany(organizationId: string, from: OpenState, count: number, session: number): Claim[] {
    const pool = this.#free.get(organizationId)?.[from];
    if (pool === undefined) return [];
    const claims: Claim[] = [];
    for (const id of pool) {
      if (claims.length === count) break;
      claims.push({ id, from, contended: false });
    }
    for (const claim of claims) {
      pool.delete(claim.id);
      this.#hold(claim.id, session);
    }
    return claims;
  }

  /**
   * What a write left: the referral's state as the service answered (or unchanged when the write
   * was refused). A holder keeps an open referral it may move again (`keep`), or lets it go back to
   * its pool; a terminal one leaves the pools.
   */
  settle(id: string, session: number, state: WorkState | undefined, keep = false): void {
    const tracked = this.#referrals.get(id);
    if (tracked === undefined) return;
    if (state !== undefined) tracked.state = state;
    const open = tracked.state === 'pending' || tracked.state === 'contacted';
    if (tracked.heldBy !== session) {
      // A contender: its outcome updates what the holder will see; a referral nobody holds any
      // more (its holder already let go) moves to its new state's pool, or out of the pools.
      if (tracked.heldBy === undefined && state !== undefined) this.observe(id, state);
      return;
    }
    if (open && keep) return;
    tracked.heldBy = undefined;
    this.#held.get(tracked.organizationId)?.delete(id);
    if (open) this.#free.get(tracked.organizationId)?.[tracked.state as OpenState].add(id);
  }

  /** Lets go of whatever `session` still holds (a session that ended early). */
  release(ids: readonly string[], session: number): void {
    for (const id of ids) this.settle(id, session, undefined);
  }

  /**
   * A referral's state as another process's write left it (a k6 run's, replayed): it moves to
   * that state's pool, or leaves the pools when terminal. Nobody here holds it.
   */
  observe(id: string, state: WorkState): void {
    const tracked = this.#referrals.get(id);
    if (tracked === undefined) return;
    const free = this.#free.get(tracked.organizationId);
    for (const pool of Object.values(free ?? {})) pool.delete(id);
    this.#held.get(tracked.organizationId)?.delete(id);
    tracked.state = state;
    tracked.heldBy = undefined;
    if (state === 'pending' || state === 'contacted') free?.[state].add(id);
  }

  /** The context with the referrals as the pools see them now: what a k6 run starts from. */
  toContext(context: ScenarioContext): ScenarioContext {
    return {
      organizations: context.organizations.map((organization) => {
        const free = this.#free.get(organization.id);
        return {
          ...organization,
          referralIdsByStatus: {
            ...organization.referralIdsByStatus,
            pending: [...(free?.pending ?? [])],
            contacted: [...(free?.contacted ?? [])],
          },
        };
      }),
    };
  }

  /** Drops a referral whose state the load can no longer tell (a partly failed bulk write). */
  forget(id: string): void {
    const tracked = this.#referrals.get(id);
    if (tracked === undefined) return;
    this.#referrals.delete(id);
    this.#held.get(tracked.organizationId)?.delete(id);
    for (const pool of Object.values(this.#free.get(tracked.organizationId) ?? {})) pool.delete(id);
  }

  #hold(id: string, session: number): void {
    const tracked = this.#referrals.get(id) as Tracked;
    tracked.heldBy = session;
    this.#held.get(tracked.organizationId)?.add(id);
  }

  #heldByOther(organizationId: string, from: readonly OpenState[], session: number, prng: Prng): Claim | undefined {
    const candidates: string[] = [];
    for (const id of this.#held.get(organizationId) ?? []) {
      const tracked = this.#referrals.get(id) as Tracked;
      if (tracked.heldBy !== session && (from as readonly string[]).includes(tracked.state)) candidates.push(id);
      if (candidates.length >= 64) break;
    }
    const id = candidates[Math.floor(prng() * candidates.length)];
    return id === undefined
      ? undefined
      : { id, from: (this.#referrals.get(id) as Tracked).state as OpenState, contended: true };
  }
}
