import { expect, test } from 'vitest';
import { tQuantile } from '../../../src/harness/stats/student-t.js';

// scipy.stats.t.ppf (and every printed t table, to its digits).
test.each([
  [0.975, 4, 2.776445105],
  [0.975, 9, 2.262157163],
  [0.995, 19, 2.860934606],
  [0.025, 9, -2.262157163],
  [0.75, 1, 1],
  [0.6, 3, 0.276670662],
])('t(%d, %d) = %d', (p, df, expected) => {
  expect(tQuantile(p, df)).toBeCloseTo(expected, 8);
});
