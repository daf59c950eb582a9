/** Reads a dotted path ('load.latency.p95') out of a step or server sample; undefined unless it ends at a finite number. */
export function readStatistic(source: unknown, path: string): number | undefined {
  let node: unknown = source;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : undefined;
}
