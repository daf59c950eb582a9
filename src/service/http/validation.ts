/**
 * Request validation. Bodies are validated strictly (no type coercion, unknown fields refused,
 * nothing stripped); params and query strings are text by nature, so there numbers and booleans
 * are coerced from their string form.
 */
import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Deliberately loose: one @, no spaces; deliverability is not the service's to judge.
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// An unknown property's name is the client's text: echo enough of it to find, not all of it.
const maxEchoedName = 100;

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

/**
 * The schema error formatter for `app.setSchemaErrorFormatter`: Fastify's own text, except that an
 * unknown property is named by its path. Ajv reports it at the enclosing object, so Fastify's text
 * says only "querystring must NOT have additional properties", leaving the client to guess which.
 */
export const formatValidationErrors = (errors: FastifySchemaValidationError[], dataVar: string): Error =>
  new Error(
    errors
      .map((error) => {
        const at = `${dataVar}${error.instancePath}`;
        const unknown = error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
        return typeof unknown === 'string'
          ? `${at}/${unknown.slice(0, maxEchoedName)} is not allowed`
          : `${at} ${error.message ?? 'is not valid'}`;
      })
      .join(', '),
  );
