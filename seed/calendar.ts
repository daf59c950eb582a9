/**
 * Time in the dataset: a fixed reference "now" instead of the wall clock (so a seed always gives
 * the same rows) and creation times over two years with term-start peaks.
 */
import type { Prng } from '../src/core/prng.js';

/** The dataset's "now". Every timestamp lies before it. */
export const referenceNow = '2026-09-01T00:00:00Z';
export const referenceNowMs = Date.parse(referenceNow);

export const dayMs = 86_400_000;

/** Term starts inside the two-year window: September and January, when referrals peak. */
export const termStarts: readonly string[] = ['2024-09-02', '2025-01-13', '2025-09-01', '2026-01-12', '2026-09-01'];
const termStartsMs: readonly number[] = termStarts.map((day) => Date.parse(`${day}T00:00:00Z`));

/** A day number (days since 1970-01-01) for a YYYY-MM-DD date. */
export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / dayMs);
}

/**
 * A creation time (epoch ms, whole seconds) in [now - historyDays, now): uniform, or with
 * probability `peakShare` close to a term start (normal, sd two weeks, mostly just before it).
 */
export function sampleCreatedAt(prng: Prng, historyDays: number, peakShare: number): number {
  const start = referenceNowMs - historyDays * dayMs;
  for (;;) {
    let t: number;
    if (prng.chance(peakShare)) {
      const peak = prng.pick(termStartsMs);
      t = peak + (prng.normal() * 14 - 7) * dayMs;
    } else {
      t = start + prng.next() * historyDays * dayMs;
    }
    if (t >= start && t < referenceNowMs) return Math.floor(t / 1000) * 1000;
  }
}

/** Formats a day number as YYYY-MM-DD. */
export function formatDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}
