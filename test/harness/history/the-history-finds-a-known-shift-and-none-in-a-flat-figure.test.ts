import { describe, expect, it } from 'vitest';
import { analyzeHistory } from '../../../src/harness/history/analyze-history.js';
import type { FigureHistory } from '../../../src/harness/history/history-analysis.js';
import { shiftedHistory } from './synthetic-results.js';

const runs = shiftedHistory(24, 12).map((result) => ({ file: `${result.runId}/result.json`, result }));
const analysis = analyzeHistory({ runs, refused: [], duplicates: [] });
const figure = (id: string): FigureHistory => {
  const found = analysis.figures.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
};

describe('the history of 24 runs where student-profile went from about 10 ms to about 14 ms at run 12', () => {
  it('finds one change point at run 12 (±1), about +40% and worse, at the run where it happened', () => {
    const profile = figure('core.student-profile');
    expect(profile.series).toHaveLength(24);
    expect(profile.changePoints).toHaveLength(1);
    const [change] = profile.changePoints;
    expect(Math.abs(change!.index - 12)).toBeLessThanOrEqual(1);
    expect(change!.runId).toBe(profile.series[change!.index]!.runId);
    expect(change!.direction).toBe('worse');
    expect(change!.beforeMean).toBeCloseTo(10, 0);
    expect(change!.afterMean).toBeCloseTo(14, 0);
    expect(change!.changePct).toBeGreaterThan(35);
    expect(change!.changePct).toBeLessThan(45);
    expect(profile.trend.direction).toBe('worsening');
  });

  it('finds none in the flat figure, whose trend reads flat, nor in any other', () => {
    const flat = figure('operations.create-referral');
    expect(flat.series).toHaveLength(24);
    expect(flat.changePoints).toEqual([]);
    expect(flat.trend.direction).toBe('flat');
    expect(analysis.summary).toMatchObject({ changed: 1, changePoints: 1 });
  });
});
