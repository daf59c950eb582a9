import { describe, expect, it } from 'vitest';
import { Pool } from 'undici';
import { startApi, studentAuth } from './api-harness.js';
import { createOrganization, createStudent, randomPhone, type StudentFixture } from '../../helpers/fixtures.js';

describe('many students referring the same phone at once', () => {
  it('creates exactly one referral: one 201, every other answer a 409 DUPLICATE, one row', async () => {
    const { app, db } = await startApi('optimized', { pool: { min: 0, max: 10, connectTimeoutMs: 20_000 } });
    const org = await createOrganization(db.pool);
    const students: StudentFixture[] = [];
    for (let i = 0; i < 10; i += 1) students.push(await createStudent(db.pool, org.id));
    const phone = randomPhone();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new Pool(address, { connections: 40 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 80 }, async (_, i) => {
          const student = students[i % students.length] as StudentFixture;
          const response = await client.request({
            method: 'POST',
            path: '/referrals',
            headers: { ...studentAuth(student), 'content-type': 'application/json' },
            body: JSON.stringify({ referredName: `Friend ${i}`, referredPhone: phone }),
          });
          const body = (await response.body.json()) as { error?: { code?: string } };
          return response.statusCode === 201 ? '201' : `${response.statusCode} ${body.error?.code ?? ''}`;
        }),
      );
      expect(answers.filter((answer) => answer === '201')).toHaveLength(1);
      expect(answers.filter((answer) => answer !== '201').every((answer) => answer === '409 DUPLICATE')).toBe(true);
    } finally {
      await client.close();
    }
    const {
      rows: [count],
    } = await db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM student_referrals WHERE organization_id = $1 AND referred_phone = $2',
      [org.id, phone],
    );
    expect(count?.n).toBe('1');
  });
});
