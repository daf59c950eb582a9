import { expect, it } from 'vitest';
import { runServe } from '../../../src/harness/commands/serve.command.js';
import { HarnessError } from '../../../src/core/errors.js';

it('fails with a usage error naming --token-secret when neither the flag, the variable nor --dev is given', async () => {
  const attempt = runServe({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', port: 0, announce: () => undefined });
  await expect(attempt).rejects.toBeInstanceOf(HarnessError);
  await expect(attempt).rejects.toMatchObject({
    code: 'BAD_FLAG',
    exitCode: 2,
    message: expect.stringMatching(/^--token-secret: /),
  });
});
