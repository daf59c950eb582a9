/** Every row a run is judged on: the spec's tables, then the goals this project sets itself beyond them. */
import type { TargetDefinition } from './target-definition.js';
import { specTargets } from './spec-targets.js';
import { openModelGoalTargets } from './goals/open-model.goals.targets.js';
import { concurrentUsersGoalTargets } from './goals/concurrent-users.goals.targets.js';

export const judgedTargets: readonly TargetDefinition[] = Object.freeze([
  ...specTargets,
  ...concurrentUsersGoalTargets,
  ...openModelGoalTargets,
]);
