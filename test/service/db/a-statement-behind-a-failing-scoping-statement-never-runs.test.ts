import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import {
  ScopedStatement,
  type ScopingStatement,
  type StatementConfig,
} from '../../../src/service/db/scoped-statement.js';
import { createTestDatabase } from '../../helpers/database.js';

const { url, pool: admin } = await createTestDatabase('optimized');
const client = new pg.Client({ connectionString: url });
await client.connect();
afterAll(() => client.end());

const send = (scoping: ScopingStatement[], statement: StatementConfig) => {
  const exchange = new ScopedStatement(scoping, statement);
  client.query(exchange as unknown as pg.Submittable);
  return exchange.result;
};
const write: StatementConfig = {
  name: 'scoped-test-write',
  text: `INSERT INTO organizations (name, timezone) VALUES ($1, 'UTC') RETURNING name`,
  values: ['Written behind the scope'],
};
const written = async () =>
  Number((await admin.query(`SELECT count(*) FROM organizations WHERE name = $1`, [write.values![0]])).rows[0].count);

it('skips the statement when a scoping statement before it fails, and the connection serves the next exchange', async () => {
  const impossibleRole: ScopingStatement = {
    name: 'scoped-test-role',
    text: `SELECT set_config('role', $1, true)`,
    values: ['referral_bench_no_such_role'],
  };
  const goodScope: ScopingStatement = {
    name: 'scoped-test-scope',
    text: `SELECT set_config('app.organization_id', $1, true)`,
    values: ['scoped-test'],
  };

  await expect(send([impossibleRole, goodScope], write)).rejects.toMatchObject({ code: '22023' });
  expect(await written()).toBe(0);
  // Nothing of the failed exchange is left: no transaction, no setting, and the named statements
  // whose Parse the server skipped are parsed again when next used, those it parsed are not.
  expect(
    (
      await client.query(
        `SELECT current_setting('app.organization_id', true) AS setting, statement_timestamp() = transaction_timestamp() AS own`,
      )
    ).rows[0],
  ).toEqual({ setting: expect.toSatisfy((v: unknown) => v === null || v === ''), own: true });
  await expect(send([goodScope], write)).resolves.toMatchObject({ rows: [{ name: write.values![0] }] });
  await expect(send([impossibleRole], write)).rejects.toMatchObject({ code: '22023' });
  await expect(send([goodScope], write)).resolves.toMatchObject({ rows: [{ name: write.values![0] }] });
  expect(await written()).toBe(2);
  // The scoping was the exchange's own: it ended with the statement's implicit transaction.
  expect(
    (await client.query(`SELECT current_setting('app.organization_id', true) AS setting`)).rows[0]?.setting ?? '',
  ).toBe('');
});
