import { expect, it } from 'vitest';
import { ensureTargetDataset } from '../../../src/harness/run/target-dataset.js';
import { createEmptyDatabase } from '../../helpers/database.js';

// Generators pointed at one deployed target start together: the first seeds its database, the
// others wait for it and find the dataset there instead of failing on rows they did not write.
it('seeds an empty target database once when two runs ask for the same dataset at the same time, and both get its manifest', async () => {
  const databaseUrl = await createEmptyDatabase();
  const ask = () => ensureTargetDataset({ databaseUrl, referrals: 1000, seed: 7, variant: 'optimized' });
  const [first, second] = await Promise.all([ask(), ask()]);
  expect([first.seeded, second.seeded].sort()).toEqual([false, true]);
  expect(first.manifest.checksum).toBe(second.manifest.checksum);
  expect((await ask()).seeded).toBe(false);
});
