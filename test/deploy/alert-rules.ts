/** The alerting rules of deploy/prometheus/rules/referral-alerts.yml, read as data. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

const file = new URL('../../deploy/prometheus/rules/referral-alerts.yml', import.meta.url);

export function readAlertRules(): AlertRule[] {
  const document = parse(readFileSync(file, 'utf8')) as { groups: { rules: AlertRule[] }[] };
  return document.groups.flatMap((group) => group.rules);
}

/** The level a rule's expression compares with last (`... > 0.05`), or undefined. */
export function comparedLevel(rule: AlertRule): number | undefined {
  const level = /[<>]=?\s*([\d.]+)\s*$/.exec(rule.expr.trim())?.[1];
  return level === undefined ? undefined : Number(level);
}
