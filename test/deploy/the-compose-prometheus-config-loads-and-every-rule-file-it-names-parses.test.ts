import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { promtoolAvailable } from '../helpers/promtool.js';

const deploy = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rb-prometheus-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Prometheus stops at start on a rule file it cannot parse (a promtool test file matched by a
// glob, say): the compose config, with its container paths pointed at the repository's files,
// must pass `promtool check config`, which parses every rule file the config names.
it.skipIf(!promtoolAvailable('the compose Prometheus config check'))(
  'passes `promtool check config` with every rule file it loads',
  () => {
    const config = readFileSync(join(deploy, 'prometheus.yml'), 'utf8').replaceAll(
      '/etc/prometheus/rules/',
      join(deploy, 'rules/'),
    );
    const path = join(scratch, 'prometheus.yml');
    writeFileSync(path, config);
    const run = spawnSync('promtool', ['check', 'config', path], { encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/SUCCESS: 1 rule files found/);
  },
);
