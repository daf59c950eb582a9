/** Reads the service's Prometheus /metrics text into samples, and diffs two scrapes. */

export interface MetricSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the Prometheus text exposition format (comments and blank lines skipped). */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const raw of text.split('\n')) {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const match = line.exec(trimmed);
    if (!match?.[1] || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const l of (match[2] ?? '').matchAll(label)) if (l[1]) labels[l[1]] = (l[2] ?? '').replace(/\\(.)/g, '$1');
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1], labels, value });
  }
  return samples;
}

/** Sum of every sample of a metric whose labels include `where`. */
export function sumOf(
  samples: readonly MetricSample[],
  name: string,
  where: Readonly<Record<string, string>> = {},
): number {
  let total = 0;
  for (const s of samples) {
    if (s.name !== name) continue;
    if (Object.entries(where).every(([k, v]) => s.labels[k] === v)) total += s.value;
  }
  return total;
}

/** Fetches /metrics from a service URL; undefined when the service does not answer. */
export async function scrapeMetrics(serviceUrl: string, timeoutMs = 5000): Promise<MetricSample[] | undefined> {
  try {
    const response = await fetch(new URL('/metrics', serviceUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    return parsePrometheusText(await response.text());
  } catch {
    return undefined;
  }
}
