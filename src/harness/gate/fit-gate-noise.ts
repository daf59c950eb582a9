/**
 * The noise model of stored A/A gate reports: what the gate's simulation test runs on. Refitting
 * it is one command (`referral-bench fit-noise gate.json ...`), not a hand calculation.
 */
import { HarnessError } from '../../core/errors.js';
import type { GateReport } from './gate-report.js';
import { fitNoiseModel, type NoiseModel } from './noise-model.js';
import { gatedStatistics } from './paired-metrics.js';

export type StatisticName = (typeof gatedStatistics)[number]['name'];

/** Per gated statistic, the model fitted from every route's series of every report, and what it came from. */
export interface FittedGateNoise {
  readonly models: Readonly<Record<StatisticName, NoiseModel>>;
  /** Series (one per report and route) and pairs each statistic was fitted from. */
  readonly sources: Readonly<Record<StatisticName, { readonly series: number; readonly pairs: number }>>;
}

/**
 * Fits each gated statistic from the A/A reports' series, pooled over routes (a route's series
 * keeps its own time order; see fitNoiseModel). A report whose sides were different revisions is
 * refused: its differences are not noise.
 */
export function fitGateNoise(
  reports: readonly { readonly path: string; readonly report: GateReport }[],
): FittedGateNoise {
  if (reports.length === 0) throw new HarnessError('RESULT_INVALID', 'fit-noise needs at least one gate.json');
  const first = (reports[0]?.report as GateReport | null | undefined)?.settings;
  for (const { path, report } of reports) {
    if (typeof report !== 'object' || report === null || !Array.isArray(report.metrics) || report.head === undefined)
      throw new HarnessError('RESULT_INVALID', `${path}: not a gate report (no metrics or sides)`);
    if (report.kind !== 'referral-bench-gate')
      throw new HarnessError('RESULT_INVALID', `${path}: not a gate report (kind ${JSON.stringify(report.kind)})`);
    if (!report.aa || report.head.testDelay !== undefined)
      throw new HarnessError(
        'RESULT_INVALID',
        `${path}: not an A/A gate (its sides differ), so its pairs measure a change, not noise; run \`referral-bench gate --aa\``,
      );
    // The noise depends on how long and how fast each side runs: one model is fitted from one setting.
    if (report.settings?.pairSeconds !== first?.pairSeconds || report.settings?.ratePerSecond !== first?.ratePerSecond)
      throw new HarnessError(
        'RESULT_INVALID',
        `${path}: ran ${report.settings?.pairSeconds} s a side at ${report.settings?.ratePerSecond} req/s, the first report ${first?.pairSeconds} s at ${first?.ratePerSecond} req/s; fit reports of one setting together`,
      );
  }
  const models = {} as Record<StatisticName, NoiseModel>;
  const sources = {} as Record<StatisticName, { series: number; pairs: number }>;
  for (const { name } of gatedStatistics) {
    const series = reports.flatMap(({ report }) =>
      report.metrics.filter((metric) => metric.id.endsWith(` ${name}`)).map((metric) => metric.pairs),
    );
    const usable = series.filter((pairs) => pairs.length >= 2);
    if (usable.length === 0)
      throw new HarnessError('RESULT_INVALID', `no series of at least 2 pairs for the statistic ${name}`);
    models[name] = fitNoiseModel(usable);
    sources[name] = { series: usable.length, pairs: usable.reduce((sum, pairs) => sum + pairs.length, 0) };
  }
  return { models, sources };
}

/** The models as the simulation test keeps them: four significant digits. */
export function roundedModels(fitted: FittedGateNoise): Record<StatisticName, NoiseModel> {
  const round = (value: number) => Number(value.toPrecision(4));
  return Object.fromEntries(
    Object.entries(fitted.models).map(([name, model]) => [
      name,
      {
        runSd: round(model.runSd),
        driftSd: round(model.driftSd),
        slowRunProbability: round(model.slowRunProbability),
        slowRunFactor: round(model.slowRunFactor),
      },
    ]),
  ) as Record<StatisticName, NoiseModel>;
}
