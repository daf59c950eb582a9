import { describe, expect, it } from 'vitest';
import { loadAllMigrations, migrationsFor, schemaVariants } from '../../../src/service/db/migrator.js';

/** What a migration creates: `function f`, `view v` (materialized or not), `trigger t ON table`, `policy p ON table`. */
function createdObjects(sql: string): string[] {
  const code = sql.replace(/--[^\n]*/g, '');
  const created: string[] = [];
  for (const [, name] of code.matchAll(/\bCREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+([\w.]+)/gi))
    created.push(`function ${name}`);
  for (const [, name] of code.matchAll(/\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW\s+([\w.]+)/gi))
    created.push(`view ${name}`);
  for (const [, name, table] of code.matchAll(
    /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+(\w+)[\s\S]*?\bON\s+([\w.]+)/gi,
  ))
    created.push(`trigger ${name} ON ${table}`);
  for (const [, name, table] of code.matchAll(/\bCREATE\s+POLICY\s+(\w+)\s+ON\s+([\w.]+)/gi))
    created.push(`policy ${name} ON ${table}`);
  return created.map((object) => object.toLowerCase());
}

describe.each(schemaVariants)('the %s migrations', (variant) => {
  it('create each function, view, trigger and policy in one file only, in its final form', () => {
    const files = new Map<string, string[]>();
    for (const migration of migrationsFor(variant, loadAllMigrations())) {
      const file = `${String(migration.version).padStart(4, '0')}_${migration.name}`;
      for (const object of new Set(createdObjects(migration.sql)))
        files.set(object, [...(files.get(object) ?? []), file]);
    }
    // the parse sees the objects at all: one of each kind
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        'function organization_dashboard',
        'view referral_analytics',
        'trigger student_referrals_guard on student_referrals',
        'policy organization_isolation on student_referrals',
      ]),
    );
    const inSeveralFiles = [...files]
      .filter(([, where]) => where.length > 1)
      .map(([object, where]) => `${object}: ${where.join(', ')}`);
    expect(inSeveralFiles).toEqual([]);
  });
});
