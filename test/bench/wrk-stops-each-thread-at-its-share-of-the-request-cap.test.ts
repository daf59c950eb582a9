import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startEndpoint, type Endpoint } from '../../bench/start-endpoint.js';
import { runWrk, writeWrkScript } from '../../bench/wrk-client.js';
import { wrkAvailable } from '../helpers/wrk.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-wrk-cap-'));
let endpoint: Endpoint | undefined;
afterAll(() => {
  endpoint?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// wrk has only a duration; the benches' scripts bound the count too. Two threads of 50 each send
// at most 100 requests (wrk still waits out its duration), where 3 s uncapped would be thousands.
it.skipIf(!wrkAvailable("the wrk request cap's test"))(
  'sends no more than its request cap',
  async () => {
    endpoint = await startEndpoint(0);
    const script = await writeWrkScript(dir, [{ path: '/' }], 50);
    const run = await runWrk({ wrk: 'wrk', url: endpoint.url, script, connections: 2, seconds: 3 });
    expect(run.total).toBeGreaterThan(0);
    expect(run.total).toBeLessThanOrEqual(100);
  },
  60_000,
);
