import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath, loadFixture } from './load-fixture.js';

const cli = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const work = await mkdtemp(join(tmpdir(), 'rb-report-cli-'));
afterAll(() => rm(work, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [cli, 'report', ...args]);
    return { code: 0, stderr };
  } catch (error: unknown) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe('referral-bench report', () => {
  it('writes the four files from a stored result.json and exits 0', async () => {
    const out = join(work, 'good');
    const outcome = await run(fileURLToPath(fixturePath), '--out', out);
    expect(outcome).toMatchObject({ code: 0 });
    const { runId } = await loadFixture();
    expect((await readdir(join(out, runId))).sort()).toEqual(['index.html', 'junit.xml', 'result.json', 'summary.md']);
  });

  it('re-renders from a run folder too', async () => {
    const out = join(work, 'again');
    await run(fileURLToPath(fixturePath), '--out', out);
    const { runId } = await loadFixture();
    expect(await run(join(out, runId), '--out', join(work, 'third'))).toMatchObject({ code: 0 });
  });

  it('refuses an invalid result with exit 2, naming the field', async () => {
    const broken = { ...(await loadFixture()), profile: 'huge' };
    const file = join(work, 'broken.json');
    await writeFile(file, JSON.stringify(broken));
    const outcome = await run(file, '--out', join(work, 'never'));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('RESULT_INVALID');
    expect(outcome.stderr).toContain('/profile: must be one of smoke, quick, full');
    await expect(readdir(join(work, 'never'))).rejects.toThrow();
  });
});
