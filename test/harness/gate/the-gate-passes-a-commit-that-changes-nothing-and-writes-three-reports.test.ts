import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import type { GateReport } from '../../../src/harness/gate/gate-report.js';
import { gateCommentMarker } from '../../../src/harness/gate/gate-markdown.renderer.js';

const entry = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rb-gate-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const gitIn = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=gate test', '-c', 'user.email=gate@example.test', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

// The workflow's command, locally: a throwaway clone of this repository with one more commit that
// changes no code, gated HEAD~1 against HEAD with tiny settings (node_modules borrowed by symlink).
it('gates HEAD~1 against a HEAD that changes nothing: exit 0, not a regression, three reports, worktrees gone', async () => {
  const repo = join(scratch, 'repo');
  execFileSync('git', [
    'clone',
    '--quiet',
    '--local',
    '--no-hardlinks',
    gitIn(here, 'rev-parse', '--show-toplevel'),
    repo,
  ]);
  appendFileSync(join(repo, 'docs', 'domain.md'), '\n');
  gitIn(repo, 'commit', '--quiet', '-am', 'docs: a trailing newline');
  const out = join(scratch, 'out');

  const env = { ...process.env };
  delete env.DATABASE_URL;
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        [
          entry,
          'gate',
          '--base',
          'HEAD~1',
          '--head',
          'HEAD',
          // the fewest pairs that can still show a regression of six metrics, at a loose alpha
          '--pairs',
          '4',
          '--max-pairs',
          '4',
          '--alpha',
          '0.4',
          '--pair-seconds',
          '1',
          '--rate',
          '30',
          '--warmup-seconds',
          '1',
          '--referrals',
          '1k',
          '--out',
          out,
        ],
        { cwd: repo, env, timeout: 170_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
        },
      );
    },
  );
  expect(code, stderr).toBe(0);
  expect(stdout).toMatch(/^(NO REGRESSION|INCONCLUSIVE): /);

  for (const file of ['gate.json', 'gate.md', 'junit.xml']) expect(existsSync(join(out, file)), file).toBe(true);
  const report = JSON.parse(readFileSync(join(out, 'gate.json'), 'utf8')) as GateReport;
  expect(report.kind).toBe('referral-bench-gate');
  expect(report.base.commit).toBe(gitIn(repo, 'rev-parse', 'HEAD~1'));
  expect(report.head.commit).toBe(gitIn(repo, 'rev-parse', 'HEAD'));
  expect([report.base.dependencies, report.head.dependencies]).toEqual(['symlink', 'symlink']);
  expect(report.head.datasetChecksum).toBe(report.base.datasetChecksum);
  expect(['no regression', 'inconclusive']).toContain(report.outcome.verdict);
  expect(report.outcome.exitCode).toBe(0);
  expect(report.guardrails).toEqual([]);
  expect(report.pairs).toHaveLength(4);
  for (const pair of report.pairs) {
    expect([...pair.order].sort()).toEqual(['base', 'head']);
    for (const side of [pair.base, pair.head]) {
      expect(side.errors).toBe(0);
      expect(Object.keys(side.routes)).toEqual(['student-profile', 'calculate-points', 'update-status']);
      for (const route of Object.values(side.routes)) expect(route.p95Ms).toBeGreaterThanOrEqual(route.p50Ms);
    }
  }
  expect(report.metrics.map((metric) => metric.id)).toHaveLength(6);
  for (const metric of report.metrics) expect(metric.pairs).toHaveLength(4);
  expect(report.decision?.metrics.map((metric) => metric.id)).toEqual(report.metrics.map((metric) => metric.id));

  const markdown = readFileSync(join(out, 'gate.md'), 'utf8');
  expect(markdown.startsWith(`${gateCommentMarker}\n## `)).toBe(true);
  expect(
    markdown.split('\n').filter((line) => /^\| (student-profile|calculate-points|update-status) /.test(line)),
  ).toHaveLength(6);
  expect(readFileSync(join(out, 'junit.xml'), 'utf8').match(/<testcase /g)).toHaveLength(6);

  // Nothing left behind: the clone knows only its own checkout again.
  expect(
    gitIn(repo, 'worktree', 'list', '--porcelain')
      .split('\n')
      .filter((line) => line.startsWith('worktree ')),
  ).toHaveLength(1);
}, 180_000);
