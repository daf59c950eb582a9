/** A service on a throwaway database with a handful of pending referrals, and a load state over it. */
import { afterAll } from 'vitest';
import { adminAuth, startApi, studentAuth } from '../../service/api/api-harness.js';
import { createOrganization, createReferral, createStudent, type StudentFixture } from '../../helpers/fixtures.js';
import { AcknowledgedWrites } from '../../../scenarios/acknowledged-writes.js';
import { WorkPools } from '../../../scenarios/work-pools.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import type { LoadState } from '../../../scenarios/stateful-writes.js';
import type { TestDatabase } from '../../helpers/database.js';

const token = (header: { authorization: string }): string => header.authorization.replace(/^Bearer /, '');

export interface StatefulService {
  readonly url: string;
  readonly db: TestDatabase;
  readonly context: ScenarioContext;
  readonly pending: readonly string[];
  /** A fresh load state over the context (the pools start from its referrals). */
  state(contention?: number): LoadState;
}

export async function startStatefulService(pendingCount = 6): Promise<StatefulService> {
  const { app, db } = await startApi('optimized');
  const org = await createOrganization(db.pool);
  const students: StudentFixture[] = [];
  for (let i = 0; i < 3; i += 1) students.push(await createStudent(db.pool, org.id));
  const pending: string[] = [];
  for (let i = 0; i < pendingCount; i += 1)
    pending.push(await createReferral(db.pool, students[i % students.length] as StudentFixture));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  afterAll(() => app.close());
  const context: ScenarioContext = {
    organizations: [
      {
        id: org.id,
        adminToken: token(adminAuth(org.id, 3600)),
        campaignIds: [],
        students: students.map((student) => ({ id: student.id, token: token(studentAuth(student, 3600)) })),
        referralIdsByStatus: { pending, contacted: [], enrolled: [], declined: [], expired: [] },
      },
    ],
  };
  return {
    url,
    db,
    context,
    pending,
    state: (contention = 0) => ({ pools: new WorkPools(context, { contention }), writes: new AcknowledgedWrites() }),
  };
}
