/**
 * fast-check arbitraries of values a JSON schema (the subset the service's request schemas use)
 * accepts, and of values it surely refuses: wrong types, out of range, too short or long, off the
 * pattern, format or enum, nested junk.
 */
import fc from 'fast-check';

/** The part of JSON Schema the service's request schemas use. */
export interface JsonSchema {
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  readonly enum?: readonly string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
}

/** A value the schema surely refuses, and texts of which a validation message refusing it contains one. */
export interface Refused {
  readonly value: unknown;
  readonly named: readonly string[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Text that has tripped services before: SQL, templates, paths, markup, JSON words, odd numbers. */
const tricks = [
  "' OR '1'='1",
  '1; DROP TABLE students; --',
  "00000000-0000-4000-8000-000000000000' --",
  "%' OR 1=1 --",
  '" OR ""="',
  '$1',
  '\\x00',
  '\u0000',
  '../../etc/passwd',
  '..%2F..%2F',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e400',
  '0x1F',
  'true',
  '[]',
  '{}',
  '\u202Eevil',
  'e\u0301',
  '🦄'.repeat(40),
];

/** Any text: empty to kilobytes, ASCII to lone surrogates, and the tricks. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...tricks) },
  { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 3000 }) },
);

/** `text` as UTF-8 would carry it: lone surrogates become U+FFFD, as they do on the wire. */
export function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function hasType(type: JsonSchema['type'], value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

/** False only when `schema` refuses `value` for certain; formats other than uuid and email count as accepted. */
export function mayAccept(schema: JsonSchema, value: unknown): boolean {
  if (!hasType(schema.type, value)) return false;
  if (typeof value === 'string') {
    // Ajv counts code points, not UTF-16 units.
    const length = [...value].length;
    return (
      !(schema.enum && !schema.enum.includes(value)) &&
      length >= (schema.minLength ?? 0) &&
      length <= (schema.maxLength ?? Infinity) &&
      (schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(value)) &&
      (schema.format !== 'uuid' || uuid.test(value)) &&
      // The service's email format is loose; any text with an @ might pass it.
      (schema.format !== 'email' || value.includes('@'))
    );
  }
  if (typeof value === 'number') return value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
  if (Array.isArray(value)) {
    return (
      value.length >= (schema.minItems ?? 0) &&
      value.length <= (schema.maxItems ?? Infinity) &&
      value.every((item) => schema.items === undefined || mayAccept(schema.items, item))
    );
  }
  if (schema.type === 'object') {
    const object = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    return (
      (schema.required ?? []).every((key) => Object.hasOwn(object, key)) &&
      Object.entries(object).every(([key, item]) => properties[key] !== undefined && mayAccept(properties[key], item))
    );
  }
  return true;
}

/** Like {@link mayAccept} for a query-string value, after Ajv's coercion from text. */
export function mayAcceptQueryText(schema: JsonSchema, text: string): boolean {
  switch (schema.type) {
    // Ajv turns non-empty text that equals its own number (`data == +data`) into that number.
    case 'integer':
    case 'number':
      return text !== '' && !Number.isNaN(Number(text)) && mayAccept(schema, Number(text));
    case 'boolean':
      return text === 'true' || text === 'false';
    default:
      return mayAccept(schema, text);
  }
}

/** Values `schema` accepts; uuids are drawn from `ids` (seeded rows) or made up. */
export function acceptedValue(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'string':
      return acceptedText(schema, ids);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(acceptedValue(schema.items ?? {}, ids), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 5, 5)),
      });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [key, acceptedValue(property, ids)]),
      );
      return fc.record(model, { requiredKeys: [...(schema.required ?? [])] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function acceptedText(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.format === 'uuid')
    return fc.oneof(
      fc.constantFrom(...ids),
      fc.uuid(),
      fc.constantFrom(...ids).map((id) => id.toUpperCase()),
    );
  if (schema.format === 'email')
    return fc.stringMatching(/^[a-z0-9._-]{1,30}$/).map((local) => `${local}@example.test`);
  const text =
    schema.pattern === undefined
      ? fc.string({
          unit: 'grapheme',
          minLength: schema.minLength ?? 0,
          maxLength: Math.min(schema.maxLength ?? 60, 60),
        })
      : fc.stringMatching(new RegExp(schema.pattern, 'u'));
  return text.filter((value) => mayAccept(schema, value));
}

/** Text `schema` surely refuses: junk, and near misses of its length, enum, format and pattern. */
export function refusedText(schema: JsonSchema): fc.Arbitrary<string> {
  const near: fc.Arbitrary<string>[] = [];
  if ((schema.minLength ?? 0) > 0) near.push(fc.string({ maxLength: (schema.minLength ?? 1) - 1 }));
  if (schema.maxLength !== undefined)
    near.push(fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 200 }));
  if (schema.enum) {
    near.push(
      fc
        .tuple(fc.constantFrom(...schema.enum), fc.nat(3))
        .map(([value, way]) => [value.toUpperCase(), ` ${value}`, `${value}\u0000`, `${value},${value}`][way] ?? value),
    );
  }
  if (schema.format === 'uuid') {
    near.push(
      fc
        .tuple(fc.uuid(), fc.nat(35), fc.constantFrom(...'gzG_ +\'";%'))
        .map(([id, at, c]) => `${id.slice(0, at)}${c}${id.slice(at + 1)}`),
    );
    near.push(
      fc
        .tuple(fc.uuid(), fc.nat(4))
        .map(([id, way]) => [id.replaceAll('-', ''), `{${id}}`, `urn:uuid:${id}`, `${id}0`, id.slice(1)][way] ?? ''),
    );
  }
  return fc
    .oneof(junkText, ...near)
    .map(wellFormed)
    .filter((text) => !mayAccept(schema, text));
}

/** Query-string text `schema` surely refuses, after coercion: out of range, fractions, NaN words, junk. */
export function refusedQueryText(schema: JsonSchema): fc.Arbitrary<string> {
  const words = fc.constantFrom(
    '',
    ' ',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '1,5',
    '0x',
    '--1',
    '1_000',
    '½',
    '٣',
    '1 2',
    'yes',
    'no',
    'TRUE',
    'on',
    'null',
    '[]',
  );
  const numbers =
    schema.type === 'integer' || schema.type === 'number'
      ? [
          fc.integer({ max: (schema.minimum ?? -1e9) - 1 }).map(String),
          fc.integer({ min: (schema.maximum ?? 1e9) + 1 }).map(String),
          fc.double({ noDefaultInfinity: false }).map(String),
          fc.bigInt({ min: 10n ** 20n, max: 10n ** 40n }).map(String),
        ]
      : [];
  const texts = schema.type === 'string' ? [refusedText(schema)] : [junkText.map(wellFormed)];
  return fc.oneof(words, ...numbers, ...texts).filter((text) => !mayAcceptQueryText(schema, text));
}

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** JSON values of every type and depth, from scalars at the edges of number precision to thousands of levels of nesting. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      1e308,
      -1e308,
      5e-324,
      -0,
      0.5,
      -1,
      2 ** 53 + 1,
      '',
      ' ',
      'true',
      '1',
      null,
      true,
      false,
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map(nested) },
);

/** A value of the wrong JSON type for `schema`. */
function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  return anyJson.filter((value) => !hasType(schema.type, value));
}

/** Values `schema` surely refuses, for the value at path `at` (e.g. `body/referredName`). */
export function refusedValue(schema: JsonSchema, at: string, ids: readonly string[]): fc.Arbitrary<Refused> {
  const named = (value: unknown): Refused => ({ value, named: [at] });
  switch (schema.type) {
    case 'string':
      return fc
        .oneof({ weight: 3, arbitrary: refusedText(schema) }, { weight: 1, arbitrary: wrongType(schema) })
        .map(named);
    case 'integer':
    case 'number':
      return fc
        .oneof(
          wrongType(schema),
          fc.integer({ max: (schema.minimum ?? -1e9) - 1 }),
          fc.integer({ min: (schema.maximum ?? 1e9) + 1 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        )
        .filter((value) => !mayAccept(schema, value))
        .map(named);
    case 'array':
      return refusedArray(schema, at, ids);
    case 'object':
      return refusedObject(schema, at, ids);
    default:
      throw new Error(`cannot refuse a value of untyped schema ${JSON.stringify(schema)}`);
  }
}

function refusedArray(schema: JsonSchema, at: string, ids: readonly string[]): fc.Arbitrary<Refused> {
  const items = schema.items ?? {};
  const ways: fc.Arbitrary<unknown>[] = [wrongType(schema)];
  if ((schema.minItems ?? 0) > 0)
    ways.push(fc.array(acceptedValue(items, ids), { maxLength: (schema.minItems ?? 1) - 1 }));
  if (schema.maxItems !== undefined) {
    const tooMany = schema.maxItems + 1;
    ways.push(acceptedValue(items, ids).map((item) => Array.from({ length: tooMany }, () => item)));
  }
  // One refused item among accepted ones: the message names the item, below the array's path.
  ways.push(
    fc.tuple(acceptedValue(schema, ids), refusedValue(items, at, ids), fc.nat()).map(([list, bad, index]) => {
      const copy = [...(list as unknown[])];
      copy.splice(index % (copy.length + 1), 0, bad.value);
      return copy;
    }),
  );
  return fc
    .oneof(...ways)
    .filter((value) => !mayAccept(schema, value))
    .map((value) => ({ value, named: [at] }));
}

/** A property name the schema does not declare. */
function unknownName(declared: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(
        'id',
        'organizationId',
        'org',
        'role',
        'admin',
        'pointsAwarded',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        '',
        ' ',
        '$where',
      ),
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.constantFrom(...(declared.length > 0 ? declared : ['x'])).map((name) => name.toUpperCase()),
    )
    .map(wellFormed)
    .filter((name) => !declared.includes(name));
}

interface Flaw {
  readonly key: string;
  readonly remove: boolean;
  readonly value: unknown;
  readonly named: readonly string[];
}

/**
 * An object refused for one to three flaws on top of an accepted base: a required property
 * missing, a property the schema does not declare, or a declared property with a refused value.
 * No flaw undoes another, so every result is refused.
 */
function refusedObject(schema: JsonSchema, at: string, ids: readonly string[]): fc.Arbitrary<Refused> {
  const properties = schema.properties ?? {};
  const declared = Object.keys(properties);
  const required = schema.required ?? [];
  const flaws: fc.Arbitrary<Flaw>[] = [
    fc
      .tuple(unknownName(declared), anyJson)
      .map(([key, value]) => ({ key, remove: false, value, named: [`${at}/${key}`] })),
    ...declared.map((key) =>
      refusedValue(properties[key] ?? {}, `${at}/${key}`, ids).map((bad) => ({ key, remove: false, ...bad })),
    ),
  ];
  if (required.length > 0)
    flaws.push(
      fc
        .constantFrom(...required)
        .map((key) => ({ key, remove: true, value: undefined, named: [`required property '${key}'`] })),
    );
  const broken = fc
    .tuple(acceptedValue(schema, ids), fc.array(fc.oneof(...flaws), { minLength: 1, maxLength: 3 }))
    .map(([base, applied]) => {
      const value = { ...(base as Record<string, unknown>) };
      for (const flaw of applied) {
        if (flaw.remove) delete value[flaw.key];
        // defineProperty: plain assignment to a key like "__proto__" would set the prototype, not a property.
        else
          Object.defineProperty(value, flaw.key, {
            value: flaw.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return { value, named: applied.flatMap((flaw) => flaw.named) };
    });
  return fc.oneof(
    { weight: 4, arbitrary: broken },
    { weight: 1, arbitrary: wrongType(schema).map((value) => ({ value, named: [at] })) },
  );
}
