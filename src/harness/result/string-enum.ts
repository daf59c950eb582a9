/** A string enum as plain JSON Schema `enum` (TypeBox unions of literals validate into noisy anyOf errors). */
import { Type, type TUnsafe } from '@sinclair/typebox';

export function StringEnum<const T extends string>(
  values: readonly T[],
  options: { description?: string } = {},
): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}
