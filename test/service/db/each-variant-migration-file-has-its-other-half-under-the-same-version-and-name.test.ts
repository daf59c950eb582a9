import { describe, expect, it } from 'vitest';
import { loadAllMigrations } from '../../../src/service/db/migrator.js';

describe('the migration files', () => {
  it('are, under each version, one file of both variants or a baseline/optimized pair of one name', () => {
    const byVersion = new Map<number, string[]>();
    for (const m of loadAllMigrations())
      byVersion.set(m.version, [...(byVersion.get(m.version) ?? []), `${m.name}.${m.appliesTo}`]);
    const odd = [...byVersion].filter(([, files]) => {
      if (files.length === 1) return !files[0]!.endsWith('.both');
      const [name] = files[0]!.split('.');
      return files.length !== 2 || !files.includes(`${name}.baseline`) || !files.includes(`${name}.optimized`);
    });
    expect(byVersion.size).toBeGreaterThan(1);
    expect(odd).toEqual([]);
  });
});
