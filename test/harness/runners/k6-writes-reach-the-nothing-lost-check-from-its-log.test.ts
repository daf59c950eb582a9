import { describe, expect, it } from 'vitest';
import { readAcknowledgedWrites } from '../../../src/harness/runners/k6-runner.js';
import {
  AcknowledgedWrites,
  acknowledgementMarker,
  type AcknowledgedWrite,
} from '../../../scenarios/acknowledged-writes.js';
import { contextShare } from '../../../scenarios/k6/lib/context-share.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';

describe("a k6 run's acknowledged writes", () => {
  it("are logged one a line by the script and read back, in order, from k6's JSON log", () => {
    const logged: string[] = [];
    const writes = new AcknowledgedWrites((entry) =>
      logged.push(
        JSON.stringify({
          level: 'info',
          msg: `${acknowledgementMarker} ${JSON.stringify(entry)}`,
          source: 'console',
          time: '2026-12-02T00:00:00Z',
        }),
      ),
    );
    writes.referralCreated('org', 'r1');
    writes.transitioned('r1', 'contacted');
    writes.transitioned('r2', 'enrolled', 150);
    const log = [JSON.stringify({ level: 'warning', msg: 'some k6 warning', time: 'x' }), ...logged, ''].join('\n');
    const read = readAcknowledgedWrites(log);
    expect(read).toEqual<AcknowledgedWrite[]>([
      { kind: 'created', organizationId: 'org', id: 'r1' },
      { kind: 'transitioned', id: 'r1', state: 'contacted' },
      { kind: 'transitioned', id: 'r2', state: 'enrolled', pointsAwarded: 150 },
    ]);
    const replayed = new AcknowledgedWrites();
    for (const write of read) replayed.replay(write);
    expect(replayed.snapshot()).toEqual(writes.snapshot());
    expect([...replayed.enrollments]).toEqual([['r2', 150]]);
  });

  it('come from disjoint shares of the referrals, one per virtual user, that together hold them all', () => {
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const context: ScenarioContext = {
      organizations: [
        {
          id: 'org',
          adminToken: 'a',
          students: [],
          campaignIds: [],
          referralIdsByStatus: {
            pending: ids('p', 10),
            contacted: ids('c', 7),
            enrolled: [],
            declined: [],
            expired: [],
          },
        },
      ],
    };
    const shares = [0, 1, 2].map((vu) => contextShare(context, 3, vu).organizations[0]?.referralIdsByStatus);
    const pending = shares.flatMap((share) => share?.pending ?? []);
    expect(pending.sort()).toEqual(ids('p', 10).sort());
    expect(new Set(pending).size).toBe(10);
    expect(shares.flatMap((share) => share?.contacted ?? [])).toHaveLength(7);
  });

  it("give a VU the referrals of its own organization only, split among that organization's VUs", () => {
    const org = (id: string) => ({
      id,
      adminToken: 'a',
      students: [],
      campaignIds: [],
      referralIdsByStatus: {
        pending: [0, 1, 2, 3].map((i) => `${id}-p${i}`),
        contacted: [],
        enrolled: [],
        declined: [],
        expired: [],
      },
    });
    const context: ScenarioContext = { organizations: [org('a'), org('b')] };
    // Four VUs: 0 and 2 work for a, 1 and 3 for b.
    const pending = (vu: number) =>
      contextShare(context, 4, vu).organizations.map((o) => o.referralIdsByStatus.pending);
    expect(pending(0)).toEqual([['a-p0', 'a-p2'], []]);
    expect(pending(2)).toEqual([['a-p1', 'a-p3'], []]);
    expect(pending(1)).toEqual([[], ['b-p0', 'b-p2']]);
    expect(pending(3)).toEqual([[], ['b-p1', 'b-p3']]);
  });
});
