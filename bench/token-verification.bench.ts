/** Cost of the service's token work: HS256 sign and verify with fast-jwt (`npx tsx bench/token-verification.bench.ts`). */
import { createSigner, createVerifier } from 'fast-jwt';
import { Bench } from 'tinybench';

const key = 'bench-secret-of-at-least-thirty-two-bytes!';
const sign = createSigner({ key, algorithm: 'HS256', expiresIn: 3_600_000 });
const verify = createVerifier({ key, algorithms: ['HS256'] });
const verifyCached = createVerifier({ key, algorithms: ['HS256'], cache: true });
const claims = { org: '6f1c2d1e-7d1a-4a55-9b1e-0c9a3b5e2f10', role: 'student', sub: 'b2f0c4a8-1c2d-4e5f-8a9b-0c1d2e3f4a5b' };
const token = sign(claims);

const bench = new Bench({ time: 1000 });
bench
  .add('sign HS256', () => { sign(claims); })
  .add('verify HS256', () => { verify(token); })
  .add('verify HS256 (cached)', () => { verifyCached(token); });
await bench.run();
console.table(bench.table());
