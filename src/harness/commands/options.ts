/** Parsers for CLI option values: each fails with a message naming its flag. */
import { InvalidArgumentError } from 'commander';
import { schemaVariants, type SchemaVariant } from '../../service/index.js';

export function parseVariant(value: string): SchemaVariant {
  if (!(schemaVariants as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${schemaVariants.join(', ')}`);
  }
  return value as SchemaVariant;
}

export function parseIntegerInRange(min: number, max: number): (value: string) => number {
  return (value: string) => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got ${n}`);
    return n;
  };
}
