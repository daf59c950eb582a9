/**
 * Step two as a stream: the referrals table can be COPYed while its rows are still being drawn
 * and awarded (run by run, yielding to the event loop between runs), and the tables that need
 * every referral (students, rankings, ledger, achievements granted) follow as soon as the
 * generation ends. Same rows, same bytes as generateDataset: only when they become available differs.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CopyTable } from './copy-loader.js';
import { campaignsTable, finishedTables, referralsTable } from './dataset-tables.js';
import type { Achievement } from './generate-awards.js';
import { DatasetGeneration, type OrganizationsDraft } from './generate-dataset.js';
import type { ScalePlan } from './scale.js';

export interface StreamedDataset {
  /** Tables to load at once: the campaigns, and the referrals, whose rows wait on `rowsReady`. */
  readonly first: readonly CopyTable[];
  /** The other tables, once every row is generated; rejects when the generation fails or is stopped. */
  readonly rest: Promise<readonly CopyTable[]>;
}

/** Referrals drawn and awarded per turn of the event loop (a few tens of milliseconds). */
export const referralsPerRun = 32_768;

/** Starts generating; stops at the next run once `signal` is aborted. */
export function streamDataset(
  seed: number,
  plan: ScalePlan,
  draft: OrganizationsDraft,
  achievements: readonly Achievement[],
  signal?: AbortSignal,
  runLength = referralsPerRun,
): StreamedDataset {
  const generation = new DatasetGeneration(seed, plan, draft, achievements);
  const waiting: { readonly rows: number; resolve(settled: number): void; reject(error: unknown): void }[] = [];
  let failure: unknown;
  const wake = () => {
    const settled = generation.settled();
    for (let k = waiting.length - 1; k >= 0; k -= 1) {
      const waiter = waiting[k]!;
      if (failure !== undefined) waiter.reject(failure);
      else if (settled >= waiter.rows) waiter.resolve(settled);
      else continue;
      waiting.splice(k, 1);
    }
  };
  const referrals: CopyTable = {
    ...referralsTable(draft, generation.campaigns, generation.students, generation.referrals),
    rowsReady: (rows) => {
      const settled = generation.settled();
      if (settled >= rows) return Promise.resolve(settled);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ rows, resolve, reject }));
    },
  };
  const rest = (async () => {
    try {
      for (;;) {
        signal?.throwIfAborted();
        const more = generation.next(runLength);
        wake();
        if (!more) break;
        await nextTurn();
      }
      return finishedTables(draft, achievements, generation.finish());
    } catch (error: unknown) {
      failure = error;
      wake();
      throw error;
    }
  })();
  // the loader may have failed and stopped listening: the rejection is still seen through `rest`
  rest.catch(() => undefined);
  return { first: [campaignsTable(draft, generation.campaigns), referrals], rest };
}
