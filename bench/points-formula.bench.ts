/**
 * The points formula (docs/domain.md) in JavaScript, as a floor for what the SQL function
 * calculate_referral_points_optimized costs beyond its lookups (`npx tsx bench/points-formula.bench.ts`).
 */
import { createPrng } from '../src/core/prng-function.js';
import { isMain, printBench, type MicroTask } from './micro-task.js';

const tierBonus = new Map([
  [1, 0],
  [3, 50],
  [5, 150],
  [10, 300],
]);

/** round(base x multiplier) + the tier bonus reached exactly at this successful count. */
function totalPoints(basePoints: number, multiplier: number, successfulCount: number): number {
  return Math.round(basePoints * multiplier) + (tierBonus.get(successfulCount) ?? 0);
}

export function pointsFormulaTasks(): MicroTask[] {
  const prng = createPrng(7);
  const inputs = Array.from(
    { length: 10_000 },
    () => [100 + Math.floor(prng() * 400), 1 + Math.floor(prng() * 200) / 100, 1 + Math.floor(prng() * 12)] as const,
  );
  return [
    {
      name: 'points for 10k referrals',
      fn: () => {
        let sum = 0;
        for (const [base, multiplier, count] of inputs) sum += totalPoints(base, multiplier, count);
        return sum;
      },
    },
  ];
}

if (isMain(import.meta.url)) await printBench(pointsFormulaTasks(), { time: 1000 });
