/** Reads the Chart.js UMD bundle from node_modules, for inlining into index.html. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** chart.js does not export its UMD file, so it is found beside the package's main entry. */
export async function readChartJsSource(): Promise<string> {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readFile(join(dirname(main), 'chart.umd.js'), 'utf8');
}
