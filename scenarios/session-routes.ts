/** The routes sessions send, as one weighted journey: each route weighted by its share of the requests. */
import type { JourneyStep, ScenarioSession } from './scenario-schema.js';

/**
 * One journey step per distinct (route, query, status) of the sessions, weighted by how often a
 * user running them sends it (session weight x occurrences): for per-route figures and for a
 * runner that cannot run sessions.
 */
export function journeyOfSessions(sessions: readonly ScenarioSession[]): JourneyStep[] {
  const steps = new Map<string, JourneyStep>();
  for (const session of sessions) {
    for (const step of session.steps) {
      const key = `${step.route}?${step.query ?? ''}#${step.status ?? ''}`;
      const known = steps.get(key);
      steps.set(key, { ...step, weight: (known?.weight ?? 0) + session.weight });
    }
  }
  return [...steps.values()];
}
