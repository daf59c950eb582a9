/**
 * Migrates two fresh databases per schema variant, one from each folder of migrations, and prints
 * every difference between their catalogues (functions as pg_get_functiondef gives them, views
 * and materialized views, columns, constraints, indexes, triggers, policies, privileges, row-level
 * security, comments). Exits 1 when a variant differs, 0 when both are identical.
 *
 *   npx tsx scripts/compare-migration-catalogues.ts OLD_DIR NEW_DIR [--admin-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * The databases are created on the server of --admin-url and dropped after. An old folder comes
 * from git: `git archive REV src/service/db/migrations | tar -x -C /tmp/before` gives
 * /tmp/before/src/service/db/migrations (docs/schema-migrations.md).
 */
import { parseArgs } from 'node:util';
import {
  createDatabase,
  dropDatabase,
  uniqueDatabaseName,
  withClient,
  withDatabase,
} from '../src/core/database-admin.js';
import { loadAllMigrations, migrate, schemaVariants, type SchemaVariant } from '../src/service/index.js';

/** One line per catalogue fact of the public schema, each query naming what it lists. */
const catalogue = `
SELECT 'function ' || p.oid::regprocedure || ' acl=' || coalesce(p.proacl::text, '-') || E'\\n' || pg_get_functiondef(p.oid)
  FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
UNION ALL
SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text || ' acl=' || coalesce(c.relacl::text, '-')
       || ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity || ' options=' || coalesce(c.reloptions::text, '-')
       || CASE WHEN c.relkind IN ('v', 'm') THEN E'\\n' || pg_get_viewdef(c.oid) ELSE '' END
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
UNION ALL
SELECT 'column ' || a.attrelid::regclass || '.' || a.attnum || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || ' identity=' || a.attidentity::text
       || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' acl=' || coalesce(a.attacl::text, '-')
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
UNION ALL
SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
UNION ALL
SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
UNION ALL
SELECT 'policy ' || tablename || ' ' || policyname || ' ' || permissive || ' ' || roles::text || ' ' || cmd
       || ' using=' || coalesce(qual, '-') || ' check=' || coalesce(with_check, '-')
  FROM pg_policies WHERE schemaname = 'public'
UNION ALL
SELECT 'comment ' || pg_describe_object(classoid, objoid, objsubid) || ': ' || description
  FROM pg_description WHERE classoid = 'pg_class'::regclass AND objoid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
     OR classoid = 'pg_proc'::regclass AND objoid IN (SELECT oid FROM pg_proc WHERE pronamespace = 'public'::regnamespace)
UNION ALL
SELECT 'schema public acl=' || coalesce(nspacl::text, '-') FROM pg_namespace WHERE nspname = 'public'
UNION ALL
SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'admin-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' } },
});
const [oldDir, newDir] = positionals;
if (!oldDir || !newDir || positionals.length !== 2) {
  process.stderr.write('usage: compare-migration-catalogues OLD_DIR NEW_DIR [--admin-url URL]\n');
  process.exit(2);
}
const adminUrl = values['admin-url'];

async function catalogueOf(dir: string, variant: SchemaVariant): Promise<Set<string>> {
  const name = uniqueDatabaseName(`rb_compare_${variant.slice(0, 4)}`);
  await createDatabase(adminUrl, name);
  try {
    return await withClient(withDatabase(adminUrl, name), async (client) => {
      await migrate(client, variant, loadAllMigrations(dir));
      await client.query('DROP TABLE referral_bench_migrations');
      const { rows } = await client.query<{ fact: string }>(`SELECT fact FROM (${catalogue}) facts(fact)`);
      return new Set(rows.map((r) => r.fact));
    });
  } finally {
    await dropDatabase(adminUrl, name);
  }
}

let differs = false;
for (const variant of schemaVariants) {
  const [before, after] = [await catalogueOf(oldDir, variant), await catalogueOf(newDir, variant)];
  const onlyOld = [...before].filter((fact) => !after.has(fact)).sort();
  const onlyNew = [...after].filter((fact) => !before.has(fact)).sort();
  process.stdout.write(`${variant}: ${before.size} facts from ${oldDir}, ${after.size} from ${newDir}\n`);
  for (const fact of onlyOld) process.stdout.write(`  only in ${oldDir}: ${fact}\n`);
  for (const fact of onlyNew) process.stdout.write(`  only in ${newDir}: ${fact}\n`);
  if (onlyOld.length > 0 || onlyNew.length > 0) differs = true;
  else process.stdout.write(`  identical\n`);
}
process.exit(differs ? 1 : 0);
