import { expect, it } from 'vitest';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { loadFixture } from './load-fixture.js';

const fixture = await loadFixture();

it('names the image on the provider line of a docker run, and a valid result records it', () => {
  const result = {
    ...fixture,
    environment: { ...fixture.environment, provider: 'docker' as const, serviceImage: 'referral-bench-service:local' },
  };
  expect(validateResult(result)).toMatchObject({ valid: true });
  expect(renderSummary(result)).toContain(
    'Provider: docker, the service in a container of image referral-bench-service:local',
  );
  expect(renderSummary(fixture)).toMatch(/Provider: embedded(?!, the service in a container)/);
});
