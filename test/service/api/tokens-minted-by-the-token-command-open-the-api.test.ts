import { describe, expect, it } from 'vitest';
import { startApi, tokenSecret } from './api-harness.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { mintToken, parseDuration } from '../../../src/harness/commands/token.command.js';

describe('tokens minted by the token command', () => {
  it('open the API for their role and fail with 401 when signed with another secret', async () => {
    const { app, db } = await startApi('optimized');
    const org = await createOrganization(db.pool);
    const student = await createStudent(db.pool, org.id);
    const asStudent = mintToken({
      org: org.id,
      role: 'student',
      student: student.id,
      expiresIn: parseDuration('5m'),
      tokenSecret,
    });
    const asAdmin = mintToken({ org: org.id, role: 'admin', expiresIn: parseDuration('1h'), tokenSecret });
    const foreign = mintToken({
      org: org.id,
      role: 'admin',
      expiresIn: 60,
      tokenSecret: 'some-other-secret-0123456789',
    });

    const get = (token: string, url: string) =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect((await get(asStudent, `/students/${student.id}/profile`)).statusCode).toBe(200);
    expect((await get(asStudent, '/admin/referrals/pending')).statusCode).toBe(403);
    expect((await get(asAdmin, '/admin/referrals/pending')).statusCode).toBe(200);
    expect((await get(foreign, '/admin/referrals/pending')).json()).toMatchObject({ error: { code: 'TOKEN_INVALID' } });
    expect(() => mintToken({ org: org.id, role: 'student', expiresIn: 60, tokenSecret })).toThrow(/--student/);
    expect(() => parseDuration('soon')).toThrow(/duration/);
  });
});
