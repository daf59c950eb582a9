import { constants, createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startApi, tokenSecret } from './api-harness.js';
import { snapshotTables } from './table-snapshot.js';
import {
  buildRequests,
  createWorld,
  operationsWithoutRequests,
  securedOperations,
  toInject,
  type Operation,
  type RouteRequest,
} from './route-requests.js';
import { createOrganization } from '../../helpers/fixtures.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { ApiError } from '../../../src/service/errors.js';

const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');

/** A compact JWS of `header` and `claims` whose signature is whatever `signer` makes of the signing input. */
function jws(header: object, claims: object, signer: (input: Buffer) => Buffer): string {
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${signer(Buffer.from(input)).toString('base64url')}`;
}

const hmac =
  (hash: 'sha256' | 'sha384' | 'sha512', key: string | Buffer) =>
  (input: Buffer): Buffer =>
    createHmac(hash, key).update(input).digest();
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const rs256 =
  (key: KeyObject) =>
  (input: Buffer): Buffer =>
    sign('sha256', input, key);
const none = (): Buffer => Buffer.alloc(0);

describe("tokens not signed HS256 with the service's secret", () => {
  it('are refused with 401 TOKEN_INVALID on every route, while the same claims signed HS256 with the secret open each one', async () => {
    const { app, db } = await startApi('optimized', { slowOperationThresholdMs: 3_600_000 });
    const org = await createOrganization(db.pool);
    const world = await createWorld(db.pool, org.id);
    const operations = await securedOperations(app);
    expect(operationsWithoutRequests(operations)).toEqual([]);
    const requests: Array<{ operation: Operation; request: RouteRequest }> = [];
    for (const operation of operations) {
      for (const request of await buildRequests(operation, world)) requests.push({ operation, request });
    }

    const now = Math.floor(Date.now() / 1000);
    const claims = { org: org.id, role: 'admin', iat: now, exp: now + 600 };
    const hs256 = { alg: 'HS256', typ: 'JWT' };
    const rs256Header = { alg: 'RS256', typ: 'JWT' };
    const attackerJwk = rsa.publicKey.export({ format: 'jwk' });
    const validSignature = jws(hs256, claims, hmac('sha256', tokenSecret)).split('.')[2]!;
    const forged: Record<string, string> = {
      // Same secret, other HMAC: only the codec's algorithm list stops these.
      'HS384 with the secret': jws({ alg: 'HS384', typ: 'JWT' }, claims, hmac('sha384', tokenSecret)),
      'HS512 with the secret': jws({ alg: 'HS512', typ: 'JWT' }, claims, hmac('sha512', tokenSecret)),
      // Asymmetric algorithms with the caller's own key pair.
      'RS256, own key': jws(rs256Header, claims, rs256(rsa.privateKey)),
      'PS256, own key': jws({ alg: 'PS256', typ: 'JWT' }, claims, (input) =>
        sign('sha256', input, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
      ),
      'ES256, own key': jws({ alg: 'ES256', typ: 'JWT' }, claims, (input) =>
        sign('sha256', input, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }),
      ),
      'EdDSA, own key': jws({ alg: 'EdDSA', typ: 'JWT' }, claims, (input) => sign(null, input, ed.privateKey)),
      // Headers that point a naive verifier at a key of the caller's choosing.
      'RS256, own key embedded as jwk': jws({ ...rs256Header, jwk: attackerJwk }, claims, rs256(rsa.privateKey)),
      'RS256, own key behind jku': jws(
        { ...rs256Header, jku: 'http://127.0.0.1:9/jwks.json', kid: 'attacker' },
        claims,
        rs256(rsa.privateKey),
      ),
      'RS256, own key behind x5u': jws(
        { ...rs256Header, x5u: 'http://127.0.0.1:9/cert.pem' },
        claims,
        rs256(rsa.privateKey),
      ),
      'HS256, kid of an empty file, empty key': jws(
        { ...hs256, kid: '../../../../../../dev/null' },
        claims,
        hmac('sha256', ''),
      ),
      'HS256, kid injecting a key, that key': jws(
        { ...hs256, kid: "none' UNION SELECT 'attacker-key' --" },
        claims,
        hmac('sha256', 'attacker-key'),
      ),
      // The right secret in the wrong encoding.
      'HS256, secret base64-encoded': jws(hs256, claims, hmac('sha256', Buffer.from(tokenSecret).toString('base64'))),
      'HS256, secret base64-decoded': jws(hs256, claims, hmac('sha256', Buffer.from(tokenSecret, 'base64'))),
      'HS256, secret as UTF-16': jws(hs256, claims, hmac('sha256', Buffer.from(tokenSecret, 'utf16le'))),
      'HS256, secret with a newline': jws(hs256, claims, hmac('sha256', `${tokenSecret}\n`)),
      // No signature at all, or one the header disowns.
      'alg none, empty signature': jws({ alg: 'none', typ: 'JWT' }, claims, none),
      'alg None, empty signature': jws({ alg: 'None', typ: 'JWT' }, claims, none),
      'alg NONE, empty signature': jws({ alg: 'NONE', typ: 'JWT' }, claims, none),
      'alg none, the valid HS256 signature': `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.${validSignature}`,
      'HS256, empty signature': jws(hs256, claims, none),
      'HS256, signature part missing': `${encode(hs256)}.${encode(claims)}`,
    };
    const codec = createTokenCodec(tokenSecret);
    for (const [label, token] of Object.entries(forged)) {
      expect(() => codec.verify(token), label).toThrow(ApiError);
    }

    const before = await snapshotTables(db.pool);
    const answers: string[] = [];
    const expected: string[] = [];
    for (const [label, token] of Object.entries(forged)) {
      for (const { operation, request } of requests) {
        const response = await app.inject(toInject(operation, request, { authorization: `Bearer ${token}` }));
        answers.push(
          `${label}, ${operation.operationId}: ${response.statusCode} ${(response.json() as { error?: { code?: string } }).error?.code ?? ''}`,
        );
        expected.push(`${label}, ${operation.operationId}: 401 TOKEN_INVALID`);
      }
    }
    expect(answers).toEqual(expected);
    expect(await snapshotTables(db.pool)).toEqual(before);

    // The same claims, signed as the service signs: each refusal above was the signature's.
    const genuine = jws(hs256, claims, hmac('sha256', tokenSecret));
    expect(codec.verify(genuine)).toEqual({ organizationId: org.id, role: 'admin', studentId: undefined });
    const opened = [];
    for (const { operation, request } of requests) {
      const response = await app.inject(toInject(operation, request, { authorization: `Bearer ${genuine}` }));
      opened.push(`${operation.operationId}: ${response.statusCode < 300 ? 'opened' : response.body}`);
    }
    expect(opened).toEqual(requests.map(({ operation }) => `${operation.operationId}: opened`));
  });
});
