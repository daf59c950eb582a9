/** Parsers for CLI option values: each fails with a message naming its flag. */
import { InvalidArgumentError } from 'commander';
import { parseWholeNumber } from '../../core/whole-number.js';
import { schemaVariants, type SchemaVariant } from '../../service/index.js';

export function parseVariant(value: string): SchemaVariant {
  if (!(schemaVariants as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${schemaVariants.join(', ')}`);
  }
  return value as SchemaVariant;
}

/** A whole-number option of `flag` (core's parser: a bad value stops with BAD_FLAG naming the flag, exit 2). */
export function wholeNumberOption(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => parseWholeNumber(flag, value, min, max);
}
