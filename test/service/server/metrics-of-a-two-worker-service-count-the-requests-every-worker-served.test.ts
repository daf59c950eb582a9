import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { afterAll, expect, it } from 'vitest';
import { parsePrometheusText, sumOf } from '../../../src/harness/measure/metrics-scrape.js';
import { startServiceProcess } from '../../../src/harness/stack/service-process.js';
import { createTestDatabase } from '../../helpers/database.js';

const db = await createTestDatabase();
const service = await startServiceProcess({
  databaseUrl: db.url,
  workers: 2,
  tokenSecret: 'cluster-metrics-secret-0123456789',
});
const servicePort = Number(new URL(service.url).port);
const agents: Agent[] = [];
afterAll(async () => {
  for (const agent of agents) agent.destroy();
  await service.stop();
});

/** GET `path` through `agent`; the status, the body and the client end's port of the connection. */
function request(path: string, agent: Agent | false): Promise<{ status: number; body: string; clientPort: number }> {
  return new Promise((resolve, reject) => {
    const sent = get(`${service.url}${path}`, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, clientPort: sent.socket?.localPort ?? 0 }),
      );
    });
    sent.once('error', reject);
  });
}

const healthCount = async (): Promise<number> => {
  const scrape = await request('/metrics', false);
  expect(scrape.status).toBe(200);
  return sumOf(parsePrometheusText(scrape.body), 'referral_service_http_request_duration_seconds_count', {
    route: '/health',
    status: '200',
  });
};

/** The primary's node children: the workers. */
function workerPids(): number[] {
  const listing = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(service.pid)], { encoding: 'utf8' });
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command]) => command === 'node')
    .map(([pid]) => Number(pid));
}

/**
 * The workers holding the server's end of connections from `clientPorts`: the kernel's socket
 * table gives each such end's inode, and a worker's open descriptors say which inodes are its.
 */
function workersServing(clientPorts: ReadonlySet<number>): Set<number> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, remote, state, , , , , , inode] = row.trim().split(/\s+/);
      const port = (address: string | undefined) => Number.parseInt(address?.split(':').at(-1) ?? '', 16);
      // State 01 is ESTABLISHED.
      if (state === '01' && inode && port(local) === servicePort && clientPorts.has(port(remote))) inodes.add(inode);
    }
  }
  const serving = new Set<number>();
  for (const pid of workerPids()) {
    const descriptors = readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return ''; // closed since it was listed
      }
    });
    if (descriptors.some((target) => inodes.has(target.slice('socket:['.length, -1)))) serving.add(pid);
  }
  return serving;
}

it(
  'answers /metrics with the requests of both workers summed, whichever worker takes the scrape',
  { timeout: 60_000 },
  async () => {
    await expect.poll(() => workerPids().length, { timeout: 30_000 }).toBe(2);
    const before = await healthCount();

    // Concurrent requests on a keep-alive agent each open a connection; the primary deals new
    // connections to the workers in turn. They stay open, so their owners can be read. A worker
    // process can exist before it listens (on a busy machine, seconds before): until it does, every
    // connection goes to the other, so batches go on until both serve, for 30 s at most.
    const clientPorts = new Set<number>();
    let sent = 0;
    const until = Date.now() + 30_000;
    for (let batch = 0; batch < 200 && Date.now() < until && workersServing(clientPorts).size < 2; batch += 1) {
      if (batch >= 10) await new Promise((resolve) => setTimeout(resolve, 100));
      const agent = new Agent({ keepAlive: true });
      agents.push(agent);
      const answers = await Promise.all(Array.from({ length: 4 }, () => request('/health', agent)));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        clientPorts.add(answer.clientPort);
      }
      sent += answers.length;
    }
    expect(workersServing(clientPorts).size).toBe(2);

    // Two scrapes on new connections: at least one of them is likely to reach each worker, and
    // both must count every request, not only those of the worker that answers.
    expect((await healthCount()) - before).toBe(sent);
    expect((await healthCount()) - before).toBe(sent);
  },
);
