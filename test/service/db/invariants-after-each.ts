/** Checks every domain invariant after each test of the file that calls it. */
import { afterEach, expect } from 'vitest';
import { checkInvariants } from '../../../src/harness/invariants/check-invariants.js';
import type { Queryable } from '../../../src/service/db/queryable.js';

/** Registers an afterEach that fails the test when any database breaks an invariant. */
export function checkInvariantsAfterEach(...databases: readonly Queryable[]): void {
  afterEach(async () => {
    for (const db of databases) expect((await checkInvariants(db)).violations).toEqual([]);
  });
}
