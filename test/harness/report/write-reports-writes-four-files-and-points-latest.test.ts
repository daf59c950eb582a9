import { mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../../src/harness/report/write-reports.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();
const outDir = await mkdtemp(join(tmpdir(), 'rb-reports-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('writeReports', () => {
  it('writes result.json, summary.md, index.html and junit.xml into <out>/<run-id>/', async () => {
    const written = await writeReports(result, outDir);
    expect(written.dir).toBe(join(outDir, result.runId));
    expect((await readdir(written.dir)).sort()).toEqual(['index.html', 'junit.xml', 'result.json', 'summary.md']);
    expect(JSON.parse(await readFile(join(written.dir, 'result.json'), 'utf8'))).toEqual(result);
    expect(await readFile(join(written.dir, 'summary.md'), 'utf8')).toMatch(/^## ❌ FAIL/);
    expect(await readFile(join(written.dir, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(await readFile(join(written.dir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('points latest at the newest run', async () => {
    await writeReports(result, outDir);
    const newer = await writeReports({ ...result, runId: 'newer-run' }, outDir);
    expect(newer.latest).toBe('symlink');
    expect(await realpath(join(outDir, 'latest'))).toBe(await realpath(newer.dir));
    expect(JSON.parse(await readFile(join(outDir, 'latest', 'result.json'), 'utf8'))).toMatchObject({
      runId: 'newer-run',
    });
  });
});
