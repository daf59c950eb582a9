/** Compile-time check that a TypeBox schema and a hand-written interface describe the same JSON. */

/** T with every property and array readonly: the result document is never mutated once built. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** True when each type is assignable to the other once both are made deeply readonly. */
export type SameShape<A, B> = [DeepReadonly<A>] extends [DeepReadonly<B>]
  ? [DeepReadonly<B>] extends [DeepReadonly<A>]
    ? true
    : false
  : false;

/** Fails to compile unless T is true. */
export type Assert<T extends true> = T;
