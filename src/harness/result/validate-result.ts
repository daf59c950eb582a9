/** Checks an unknown JSON value against the result schema, with messages that name the field. */
import { Ajv, type ErrorObject } from 'ajv';
import { RunResultSchema, type RunResult } from './run-result.schema.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const check = ajv.compile<RunResult>(RunResultSchema);

export type ResultValidation =
  { readonly valid: true; readonly result: RunResult } | { readonly valid: false; readonly errors: readonly string[] };

/** Validates a parsed result.json; each error reads '<field path>: <problem>', e.g. '/scenarios/0/state: must be equal to one of the allowed values'. */
export function validateResult(json: unknown): ResultValidation {
  if (check(json)) return { valid: true, result: json };
  return { valid: false, errors: (check.errors ?? []).map(describe) };
}

function describe(error: ErrorObject): string {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  if (error.keyword === 'additionalProperties')
    return `${path}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required')
    return `${path === '/' ? '' : path}/${String(error.params.missingProperty)}: is required`;
  if (error.keyword === 'enum')
    return `${path}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return `${path}: ${error.message ?? error.keyword}`;
}
