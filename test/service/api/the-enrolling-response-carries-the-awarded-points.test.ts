import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Pool } from 'undici';
import { adminAuth, startApi } from './api-harness.js';
import { createCampaign, createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariants } from '../../../src/harness/invariants/check-invariants.js';

type Status = 'contacted' | 'enrolled' | 'declined';
interface Sent {
  referralId: string;
  status: Status;
}
interface Answer extends Sent {
  code: number;
  body: { status?: string; pointsAwarded?: number; campaignId?: string | null; error?: { code: string } };
}

const referralCount = 60;

describe.each(['optimized', 'baseline'] as const)('concurrent status updates of the same referrals (%s)', (variant) => {
  it('answer each request that enrolled with the points its enrollment awarded', async () => {
    // A generous wait for a pool connection: 720 queued requests must not turn into 503s.
    const { app, db } = await startApi(variant, { pool: { min: 0, max: 10, connectTimeoutMs: 20_000 } });
    const { pool } = db;
    const org = await createOrganization(pool, { defaultPoints: 100 });
    // selected by the referrals' creation date at the award: round(150 x 1.5) = 225 points
    const campaignId = await createCampaign(pool, org.id, {
      basePoints: 150,
      multiplier: '1.50',
      startDate: '2020-01-01',
    });
    // one referrer per referral: each award is its referrer's first, so no tier bonus joins it
    const referrals: string[] = [];
    for (let i = 0; i < referralCount; i += 1)
      referrals.push(await createReferral(pool, await createStudent(pool, org.id)));
    const admin = adminAuth(org.id);

    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new Pool(address, { connections: 50 });
    const send = (requests: readonly Sent[]): Promise<Answer[]> =>
      Promise.all(
        requests.map(async (sent) => {
          const response = await client.request({
            method: 'PATCH',
            path: `/referrals/${sent.referralId}/status`,
            body: JSON.stringify({ status: sent.status }),
            headers: { ...admin, 'content-type': 'application/json' },
          });
          return { ...sent, code: response.statusCode, body: (await response.body.json()) as Answer['body'] };
        }),
      );
    const shuffled = <T>(items: T[]): T[] => {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = randomInt(0, i + 1);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    };
    const each = (statuses: readonly [Status, number][]): Sent[] =>
      shuffled(
        referrals.flatMap((referralId) =>
          statuses.flatMap(([status, times]) => Array.from({ length: times }, () => ({ referralId, status }))),
        ),
      );

    let contacting: Answer[];
    let closing: Answer[];
    try {
      contacting = await send(each([['contacted', 8]]));
      closing = await send(
        each([
          ['enrolled', 8],
          ['declined', 4],
        ]),
      );
    } finally {
      await client.close();
    }

    expect(
      contacting.filter((a) => a.code !== 200 || a.body.status !== 'contacted' || a.body.pointsAwarded !== 0),
    ).toEqual([]);
    expect(await checkInvariants(pool)).toMatchObject({ state: 'passed', violations: [] });

    const { rows } = await pool.query<{ id: string; status: string; enrolled_points: number | null }>(
      `SELECT sr.id, sr.status,
              (SELECT pt.points_amount FROM points_transactions pt
                WHERE pt.category = 'referral_enrolled' AND pt.related_entity_type = 'student_referral'
                  AND pt.related_entity_id = sr.id) AS enrolled_points
         FROM student_referrals sr WHERE sr.id = ANY ($1::uuid[])`,
      [referrals],
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    const enrolled = rows.filter((row) => row.status === 'enrolled');
    // each referral ends enrolled, paid once, or declined, unpaid (which one is the race's choice)
    expect(enrolled.filter((row) => row.enrolled_points !== 225)).toEqual([]);
    expect(
      rows.filter((row) => row.status !== 'enrolled' && (row.status !== 'declined' || row.enrolled_points !== null)),
    ).toEqual([]);
    expect(enrolled.length).toBeGreaterThan(0);

    // Every request is answered with what happened to it: a 200 with the referral as its request
    // left it, or a 409 when the other outcome won the race. A 200 to an enrollment carries the
    // points of the referral's one award (and the campaign the award recorded): the request that
    // enrolled it, and any same-status no-op after it, which finds it already paid. Nothing else
    // carries points.
    const wrong = closing.filter((answer) => {
      const row = stored.get(answer.referralId)!;
      if (answer.status !== row.status) return answer.code !== 409 || answer.body.error?.code !== 'INVALID_TRANSITION';
      if (answer.code !== 200) return true;
      return answer.status === 'enrolled'
        ? answer.body.status !== 'enrolled' ||
            answer.body.pointsAwarded !== row.enrolled_points ||
            answer.body.campaignId !== campaignId
        : answer.body.status !== answer.status || answer.body.pointsAwarded !== 0;
    });
    expect(
      wrong.map(({ referralId, status, code, body }) => ({
        referralId,
        sent: status,
        code,
        answered: body.error?.code ?? body.status,
        pointsAwarded: body.pointsAwarded,
        campaignId: body.campaignId,
        stored: stored.get(referralId)!.status,
        ledger: stored.get(referralId)!.enrolled_points,
      })),
    ).toEqual([]);
    // each enrolled referral was enrolled by at least one request that got a 200
    const answeredEnrolled = new Set(
      closing.filter((a) => a.status === 'enrolled' && a.code === 200).map((a) => a.referralId),
    );
    expect(enrolled.filter((row) => !answeredEnrolled.has(row.id))).toEqual([]);
  });
});
