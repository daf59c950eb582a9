import { expect, it } from 'vitest';
import { analyzeHistory } from '../../../src/harness/history/analyze-history.js';
import { shiftedHistory } from './synthetic-results.js';

it('a history of 8 runs, student-profile 10 ms then 14 ms from run 4, finds the shift at run 4 with segments of 2', () => {
  // E-Divisive's default shortest segment (5) could not split 8 runs at all: the history shortens it for short series.
  const runs = shiftedHistory(8, 4).map((result) => ({ file: `${result.runId}/result.json`, result }));
  const profile = analyzeHistory({ runs, refused: [], duplicates: [] }).figures.find(
    (figure) => figure.id === 'core.student-profile',
  );
  expect(profile?.minSegment).toBe(2);
  expect(profile?.changePoints.map((change) => [change.index, change.runId, change.direction])).toEqual([
    [4, 'run-04', 'worse'],
  ]);
});
