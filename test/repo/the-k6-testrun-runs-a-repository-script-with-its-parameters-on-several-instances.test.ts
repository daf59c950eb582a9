import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { k6EntryScripts } from '../../src/harness/runners/k6-bundle.js';
import { readStepEnv } from '../../scenarios/k6/lib/k6-options.js';

const read = (file: string): unknown =>
  parse(readFileSync(fileURLToPath(new URL(`../../k8s/${file}`, import.meta.url)), 'utf8'));

interface TestRun {
  apiVersion?: string;
  kind?: string;
  spec?: { parallelism?: unknown; arguments?: string; script?: { configMap?: { name?: string; file?: string } } };
}
interface Kustomization {
  resources?: string[];
  configMapGenerator?: { name?: string; files?: string[] }[];
}

test('k8s/ holds a k6-operator TestRun on several instances whose ConfigMap carries a k6 entry script of scenarios/k6 and the context its arguments name', () => {
  const testRun = read('testrun.yaml') as TestRun;
  const kustomization = read('kustomization.yaml') as Kustomization;

  expect(testRun.apiVersion).toBe('k6.io/v1alpha1');
  expect(testRun.kind).toBe('TestRun');
  expect(Number.isInteger(testRun.spec?.parallelism) && (testRun.spec?.parallelism as number) > 1).toBe(true);
  expect(kustomization.resources).toContain('testrun.yaml');

  const script = testRun.spec?.script?.configMap;
  const configMap = kustomization.configMapGenerator?.find((generated) => generated.name === script?.name);
  // 'key=source': the key is the file name in the mounted ConfigMap.
  const files = new Map((configMap?.files ?? []).map((entry) => entry.split('=') as [string, string]));
  const source = files.get(script?.file ?? '');
  expect(source).toBe(`dist/${script?.file}`);
  const entries = k6EntryScripts().map((entry) => basename(entry).replace(/\.ts$/, '.js'));
  expect(entries).toContain(script?.file);

  const env = Object.fromEntries(
    [...(testRun.spec?.arguments ?? '').matchAll(/-e (\w+)=(\S+)/g)].map(([, key, value]) => [
      key as string,
      value as string,
    ]),
  );
  expect(() => readStepEnv(env)).not.toThrow();
  expect(env.BASE_URL).toMatch(/^https?:\/\//);
  // The operator mounts the script's ConfigMap at /test.
  expect(env.CONTEXT_FILE).toBe(`/test/${basename(env.CONTEXT_FILE ?? '')}`);
  expect(files.has(basename(env.CONTEXT_FILE ?? ''))).toBe(true);
});
