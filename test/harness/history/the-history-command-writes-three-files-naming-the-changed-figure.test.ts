import { readFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryAnalysis } from '../../../src/harness/history/history-analysis.js';
import { runCli } from '../cli/run-cli.js';
import { shiftedHistory, writeResults } from './synthetic-results.js';

const dir = await mkdtemp(join(tmpdir(), 'rb-history-cli-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
await writeResults(dir, shiftedHistory(24, 12));

describe('referral-bench history on a folder of 24 stored results', () => {
  it('exits 0 and writes history.json, history.md and history.html into <dir>/history; the Markdown names the changed figure', async () => {
    const outcome = await runCli(['history', dir]);

    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('1 of ');
    expect((await readdir(join(dir, 'history'))).sort()).toEqual(['history.html', 'history.json', 'history.md']);
    const markdown = await readFile(join(dir, 'history', 'history.md'), 'utf8');
    expect(markdown).toMatch(/^## Benchmark history: 1 of \d+ figures changed/);
    expect(markdown).toMatch(/^### core\.student-profile: /m);
    expect(markdown).not.toMatch(/^### operations\.create-referral/m);
    expect(markdown).toMatch(
      /^\| core\.student-profile \| 24 \| .* \| worsening, .* \| run-1[123] \(.*\): .* worse \|$/m,
    );
    const html = await readFile(join(dir, 'history', 'history.html'), 'utf8');
    expect(html).toContain('<canvas id="chart-history-0"');
    expect(html).not.toContain('chart-history-1');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('prints history.json on stdout with --json, and writes to --out', async () => {
    const out = join(dir, 'elsewhere');
    const outcome = await runCli(['history', dir, '--out', out, '--json']);

    expect(outcome.code).toBe(0);
    const analysis = JSON.parse(outcome.stdout) as HistoryAnalysis;
    expect(analysis.summary.changed).toBe(1);
    expect(analysis.runs).toHaveLength(24);
    expect(JSON.parse(await readFile(join(out, 'history.json'), 'utf8'))).toEqual(analysis);
  });
});
