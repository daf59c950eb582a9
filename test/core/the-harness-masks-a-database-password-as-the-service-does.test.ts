import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/database-admin.js';
import { redactUrl } from '../../src/service/index.js';

// The two programs share no code, so each keeps its own copy of this small function: this keeps
// the copies saying the same thing.
describe('the harness masks a database password as the service does', () => {
  it.each([
    'postgres://bench:s3cret@127.0.0.1:5432/referrals',
    'postgresql://bench@db.internal/referrals',
    'postgres://bench:p%40ss@[::1]:6543/x?sslmode=disable',
    'redis://:only-a-password@127.0.0.1:6379',
    'not a url, user:secret@host',
  ])('%s', (url) => {
    expect(redact(url)).toBe(redactUrl(url));
    expect(redact(url)).not.toMatch(/s3cret|only-a-password|p%40ss|:secret@/);
  });
});
