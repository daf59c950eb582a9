/** Every scenario shipped in scenarios/, in the order a full run takes them. */
export const scenarioNames = ['concurrent-users', 'data-volume', 'operations', 'integration-impact', 'before-after', 'open-model'] as const;

/** Scenarios a run takes only when `--scenario` names them (they run long, or as long as they must). */
export const onDemandScenarioNames = ['breakpoint'] as const;

export type ScenarioName = (typeof scenarioNames)[number] | (typeof onDemandScenarioNames)[number];
