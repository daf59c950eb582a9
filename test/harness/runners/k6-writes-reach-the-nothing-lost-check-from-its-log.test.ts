import { describe, expect, it } from 'vitest';
import { readAcknowledgedWrites } from '../../../src/harness/runners/k6-runner.js';
import { AcknowledgedWrites, acknowledgementMarker, type AcknowledgedWrite } from '../../../scenarios/acknowledged-writes.js';
import { contextShare } from '../../../scenarios/k6/lib/context-share.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';

describe('a k6 run\'s acknowledged writes', () => {
  it('are logged one a line by the script and read back, in order, from k6\'s JSON log', () => {
    const logged: string[] = [];
    const writes = new AcknowledgedWrites((entry) => logged.push(JSON.stringify({ level: 'info', msg: `${acknowledgementMarker} ${JSON.stringify(entry)}`, source: 'console', time: '2026-12-02T00:00:00Z' })));
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
    const context: ScenarioContext = { organizations: [{ id: 'org', adminToken: 'a', students: [], campaignIds: [], referralIdsByStatus: { pending: ids('p', 10), contacted: ids('c', 7), enrolled: [], declined: [], expired: [] } }] };
    const shares = [0, 1, 2].map((vu) => contextShare(context, 3, vu).organizations[0]?.referralIdsByStatus);
    const pending = shares.flatMap((share) => share?.pending ?? []);
    expect(pending.sort()).toEqual(ids('p', 10).sort());
    expect(new Set(pending).size).toBe(10);
    expect(shares.flatMap((share) => share?.contacted ?? [])).toHaveLength(7);
  });
});
