/** Every scenario shipped in scenarios/, in the order a full run takes them. */
export const scenarioNames = [
  'concurrent-users',
  'data-volume',
  'operations',
  'integration-impact',
  'before-after',
  'open-model',
] as const;

/** Scenarios a run takes only when `--scenario` names them (they run long, or as long as they must). */
export const onDemandScenarioNames = ['breakpoint', 'faults'] as const;

/**
 * Scenarios only the built-in runner runs: faults times each fault against every request, which
 * a k6 summary does not give. They have no k6 script, and `--runner k6` refuses them.
 */
export const builtinOnlyScenarioNames: readonly string[] = ['faults'];

export type ScenarioName = (typeof scenarioNames)[number] | (typeof onDemandScenarioNames)[number];
