/**
 * The floor under the service's endpoints, in its own process as the service is: a bare Fastify
 * route that runs `SELECT 1` scoped to one organization through the service's own pool, the way
 * a one-statement endpoint runs its statement, with no token, schema or work of its own. Prints
 * its loopback port on stdout.
 *
 *   npx tsx bench/floor-server.ts --database-url URL --organization UUID
 */
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { createDatabasePool, resolveServiceConfig } from '../src/service/index.js';

const { values: flags } = parseArgs({
  options: { 'database-url': { type: 'string' }, organization: { type: 'string' } },
});
const databaseUrl = flags['database-url'];
const organizationId = flags.organization;
if (!databaseUrl || !organizationId) {
  process.stderr.write('floor-server: --database-url and --organization are required\n');
  process.exit(2);
}

// The service's pool settings, as the service resolves them.
const { pool: poolConfig } = resolveServiceConfig({ databaseUrl, tokenSecret: 'unused-by-the-floor-route' });
const db = createDatabasePool(databaseUrl, poolConfig);
const app = Fastify();
app.get('/floor', async () => {
  const { rows } = await db.withOrganization(
    organizationId,
    (tx) => tx.query<{ floor: number }>({ name: 'floor', text: 'SELECT 1 AS floor' }),
    { singleStatement: true },
  );
  return rows[0];
});
app.addHook('onClose', () => db.end());
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${new URL(address).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
