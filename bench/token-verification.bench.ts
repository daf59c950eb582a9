/** Cost of the service's token work: HS256 sign and verify with fast-jwt (`npx tsx bench/token-verification.bench.ts`). */
import { createSigner, createVerifier } from 'fast-jwt';
import { isMain, printBench, type MicroTask } from './micro-task.js';

export function tokenVerificationTasks(): MicroTask[] {
  const key = 'bench-secret-of-at-least-thirty-two-bytes!';
  const sign = createSigner({ key, algorithm: 'HS256', expiresIn: 3_600_000 });
  const verify = createVerifier({ key, algorithms: ['HS256'] });
  const verifyCached = createVerifier({ key, algorithms: ['HS256'], cache: true });
  const claims = {
    org: '6f1c2d1e-7d1a-4a55-9b1e-0c9a3b5e2f10',
    role: 'student',
    sub: 'b2f0c4a8-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  };
  const token = sign(claims);
  return [
    { name: 'sign HS256', fn: () => sign(claims) },
    { name: 'verify HS256', fn: () => verify(token) },
    { name: 'verify HS256 (cached)', fn: () => verifyCached(token) },
  ];
}

if (isMain(import.meta.url)) await printBench(tokenVerificationTasks(), { time: 1000 });
