/** Every scenario shipped in scenarios/, in the order a full run takes them. */
export const scenarioNames = ['concurrent-users', 'data-volume', 'operations', 'integration-impact', 'before-after', 'open-model'] as const;

export type ScenarioName = (typeof scenarioNames)[number];
