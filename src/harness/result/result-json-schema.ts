/** The published JSON Schema text of the result document (schemas/result.schema.json), from the TypeBox source. */
import { RunResultSchema } from './run-result.schema.js';

/** Where the published schema lives, relative to the repository root. */
export const resultSchemaPath = 'schemas/result.schema.json';

/** The schema as it is written to disk: TypeBox's JSON (its symbol keys drop out), 2-space indented. */
export function resultJsonSchemaText(): string {
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...RunResultSchema }, null, 2)}\n`;
}
