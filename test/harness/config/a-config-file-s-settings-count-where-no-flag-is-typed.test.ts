import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-config-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, settings: Record<string, unknown>): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(settings));
  return path;
}

// The flags' defaults show in --help; they must not outrank what a --config file sets. Each file
// holds one bad value: if the flag's default won, the run would get past it and stop at the bad
// --until-decided typed after it instead (or start work).
describe('run --config', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['profile', { profile: 'huge' }, /--profile: expected one of smoke, quick, full/],
    ['runner', { runner: 'jmeter' }, /--runner: expected one of builtin, k6/],
    ['workers', { workers: 0 }, /--workers: expected a whole number from 1 to 64/],
    ['seed', { seed: -1 }, /--seed: expected a whole number/],
    ['a null setting', { repeat: null }, /setting "repeat" is null/],
  ])('reads %s from the file when no flag is typed', async (name, settings, message) => {
    const { code, stderr } = await runCli(['run', '--config', configFile(name, settings), '--until-decided', 'x']);
    expect([code, stderr]).toEqual([2, expect.stringMatching(message)]);
  });
});
