/**
 * Request validation. Bodies are validated strictly (no type coercion, unknown fields refused,
 * nothing stripped); params and query strings are text by nature, so there numbers and booleans
 * are coerced from their string form.
 */
import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Deliberately loose: one @, no spaces; deliverability is not the service's to judge.
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, removeAdditional: false, useDefaults: true, strict: false, ...options });
  ajv.addFormat('uuid', uuid);
  ajv.addFormat('email', email);
  return ajv;
}

/** The validator compiler for `app.setValidatorCompiler`. */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = createAjv({ coerceTypes: false });
  const coercing = createAjv({ coerceTypes: true });
  // Ajv caches compiled schemas by object, so routes sharing a schema compile it once.
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
