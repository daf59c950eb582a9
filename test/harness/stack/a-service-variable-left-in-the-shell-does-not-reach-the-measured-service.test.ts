import { afterEach, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../../../src/harness/stack/service-process.js';
import { serviceVariables } from '../../../src/service/index.js';
import { createTestDatabase } from '../../helpers/database.js';

let service: ServiceProcess | undefined;
const saved = { ...process.env };
afterEach(async () => {
  await service?.stop();
  process.env = { ...saved };
});

// The run decides how its service is configured: a variable of the service's left over in the
// shell (here one it would refuse, so it shows) must not reach the process under measurement.
it('starts the service with only the settings the run gives, whatever service variables the shell holds', async () => {
  const db = await createTestDatabase('optimized');
  process.env[serviceVariables.slowOperationThresholdMs] = 'not-a-number';
  process.env[serviceVariables.testDelay] = 'nonsense';
  process.env[serviceVariables.workers] = 'many';
  service = await startServiceProcess({ databaseUrl: db.url, tokenSecret: 'shell-variables-test-secret-0123' });
  const health = await fetch(`${service.url}/health`);
  expect(health.status).toBe(200);
});
