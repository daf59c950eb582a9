/**
 * Hostile requests for every operation of the service's OpenAPI document: ids that are not ids,
 * unknown and out-of-range query values, tokens that do not verify, content types that are not
 * JSON, bodies of every wrong shape and size. Each request lists the defects it was built with,
 * so a test can check that a refusal names one, and that only a request without any is answered 2xx.
 */
import fc from 'fast-check';
import {
  acceptedValue,
  junkText,
  refusedQueryText,
  refusedText,
  refusedValue,
  wellFormed,
  type JsonSchema,
} from './hostile-values.js';

interface OpenApiParameter {
  readonly in: string;
  readonly name: string;
  readonly schema: JsonSchema;
}
interface OpenApiOperation {
  readonly operationId: string;
  readonly security?: readonly unknown[];
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> };
}

/** The part of an OpenAPI 3 document the generator reads. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
}

/** One operation of the document. */
export interface Operation {
  readonly id: string;
  /** Upper case, as sent. */
  readonly method: string;
  /** The OpenAPI path template, e.g. `/students/{studentId}/profile`. */
  readonly path: string;
  readonly secured: boolean;
  readonly pathParameters: readonly OpenApiParameter[];
  readonly queryParameters: readonly OpenApiParameter[];
  readonly body: JsonSchema | undefined;
}

/** What the requests are made of besides junk: seeded ids and tokens. */
export interface World {
  /** Well-formed ids of seeded rows of every kind, in both organizations. */
  readonly ids: readonly string[];
  /** Authorization header values that verify, of admins (of both organizations and of none). */
  readonly adminTokens: readonly string[];
  /** Authorization header values that verify, of students of both organizations. */
  readonly studentTokens: readonly string[];
  /** Authorization header values the service must refuse: expired, forged, unsigned, malformed. */
  readonly badTokens: readonly string[];
  /** The service's body limit: a longer body must be refused. */
  readonly bodyLimitBytes: number;
}

/** Something a request was built with that the service must refuse it for. */
export interface Defect {
  /** Where: `params/studentId`, `querystring/limit`, `body/referredName`, `authorization`, `content-type`, `json`. */
  readonly at: string;
  /** Texts of which a VALIDATION_FAILED message refusing this defect contains one; none when it is no field's. */
  readonly named: readonly string[];
}

/** A request to send with `inject`, and its defects (none: it may be valid). */
export interface HostileRequest {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string | undefined;
  readonly defects: readonly Defect[];
}

/** Every operation of `document`. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      id: operation.operationId,
      method: method.toUpperCase(),
      path,
      secured: (operation.security?.length ?? 0) > 0,
      pathParameters: (operation.parameters ?? []).filter((parameter) => parameter.in === 'path'),
      queryParameters: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query'),
      body: operation.requestBody?.content['application/json']?.schema,
    })),
  );
}

/** Only GET reads; any other method may write, so its requests always carry a defect. */
export function writes(operation: Operation): boolean {
  return operation.method !== 'GET';
}

interface TextPiece {
  readonly text: string;
  readonly defects: readonly Defect[];
}
interface HeaderPiece {
  readonly headers: Readonly<Record<string, string>>;
  readonly defects: readonly Defect[];
}
interface BodyPiece extends HeaderPiece {
  readonly payload: string | undefined;
}
type Part = 'path' | 'query' | 'authorization' | 'body';

/** Percent-encodes every byte but the unreserved ones, so the router decodes back exactly `text`. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Escapes no decoder accepts: the router refuses the path before it matches a parameter. */
const undecodable = fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%FF%FE', '%u0041', '%%41', '%ED%A0%80');

function pathPiece(operation: Operation, world: World, broken: boolean): fc.Arbitrary<TextPiece> {
  const parameters = operation.pathParameters;
  const value = (parameter: OpenApiParameter, mustRefuse: boolean): fc.Arbitrary<TextPiece> => {
    // The router names no parameter when it refuses the whole path, only the part.
    const defects = [{ at: `params/${parameter.name}`, named: [`params/${parameter.name}`, 'params:'] }];
    const refused = fc.oneof(
      { weight: 6, arbitrary: refusedText(parameter.schema).map((text) => ({ text: percentEncode(text), defects })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.stringMatching(/^[a-z0-9]{0,8}$/), undecodable)
          .map(([prefix, raw]) => ({ text: `${prefix}${raw}`, defects })),
      },
    );
    if (mustRefuse) return refused;
    return fc.oneof(
      refused,
      acceptedValue(parameter.schema, world.ids).map((id) => ({ text: percentEncode(String(id)), defects: [] })),
    );
  };
  // When the path must be broken, its first parameter is; any others may be anything.
  return fc.tuple(...parameters.map((parameter, index) => value(parameter, broken && index === 0))).map((pieces) => ({
    text: pieces.reduce(
      (path, piece, index) => path.replace(`{${parameters[index]?.name}}`, piece.text),
      operation.path,
    ),
    defects: pieces.flatMap((piece) => piece.defects),
  }));
}

/** A query parameter the operation does not declare, and a value for it. */
function unknownQueryParameter(declared: readonly string[]): fc.Arbitrary<readonly [string, string]> {
  const name = fc
    .oneof(
      fc.constantFrom(
        'org',
        'organizationId',
        'admin',
        'role',
        'studentId',
        '__proto__',
        'constructor',
        'limit[]',
        'offset',
        'debug',
        'sort',
      ),
      fc.string({ minLength: 1, maxLength: 30 }).map(wellFormed),
      fc.constantFrom(...(declared.length > 0 ? declared : ['x'])).map((known) => known.toUpperCase()),
    )
    .filter((candidate) => !declared.includes(candidate));
  return fc.tuple(name, junkText.map(wellFormed));
}

function queryPiece(operation: Operation, world: World, broken: boolean): fc.Arbitrary<TextPiece> {
  const parameters = operation.queryParameters;
  const declared = parameters.map((parameter) => parameter.name);
  // Operations without a query schema ignore unknown parameters; the others refuse them.
  const refusesUnknown = parameters.length > 0;
  type Entry = { readonly pairs: readonly (readonly [string, string])[]; readonly defects: readonly Defect[] };
  const named = (name: string): readonly Defect[] => [{ at: `querystring/${name}`, named: [`querystring/${name}`] }];
  const refusedEntry = (parameter: OpenApiParameter): fc.Arbitrary<Entry> =>
    fc.oneof(
      {
        weight: 5,
        arbitrary: refusedQueryText(parameter.schema).map((text): Entry => ({
          pairs: [[parameter.name, text]],
          defects: named(parameter.name),
        })),
      },
      // A repeated parameter arrives as an array, which no scalar schema takes.
      {
        weight: 1,
        arbitrary: fc
          .array(acceptedValue(parameter.schema, world.ids), { minLength: 2, maxLength: 3 })
          .map((values): Entry => ({
            pairs: values.map((value) => [parameter.name, String(value)] as const),
            defects: named(parameter.name),
          })),
      },
    );
  const entry = (parameter: OpenApiParameter): fc.Arbitrary<Entry> =>
    fc.oneof(
      fc.constant<Entry>({ pairs: [], defects: [] }),
      acceptedValue(parameter.schema, world.ids).map((value): Entry => ({
        pairs: [[parameter.name, String(value)]],
        defects: [],
      })),
      refusedEntry(parameter),
    );
  const unknown = (pair: readonly [string, string]): Entry => ({
    pairs: [pair],
    defects: refusesUnknown ? named(pair[0]) : [],
  });
  const forced: fc.Arbitrary<Entry> = broken
    ? fc.oneof(...parameters.map(refusedEntry), unknownQueryParameter(declared).map(unknown))
    : fc.constant({ pairs: [], defects: [] });
  return fc
    .tuple(
      forced,
      fc.tuple(...parameters.map(entry)),
      fc.array(unknownQueryParameter(declared).map(unknown), { maxLength: 2 }),
      fc.nat(),
    )
    .map(([first, declaredEntries, unknownEntries, turn]) => {
      // Rotated, so the broken parameter is not always first.
      const entries = [first, ...declaredEntries, ...unknownEntries];
      const pairs = [...entries.slice(turn % entries.length), ...entries.slice(0, turn % entries.length)].flatMap(
        (e) => e.pairs,
      );
      const text =
        pairs.length === 0
          ? ''
          : `?${pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&')}`;
      return { text, defects: entries.flatMap((e) => e.defects) };
    });
}

function authorization(operation: Operation, world: World, broken: boolean): fc.Arbitrary<HeaderPiece> {
  // Admins twice as often: half the routes are admin-only, and a student's token stops there.
  const token = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...world.adminTokens) },
    { weight: 1, arbitrary: fc.constantFrom(...world.studentTokens) },
  );
  const refused = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...world.badTokens),
    fc.string({ maxLength: 200 }),
    fc.stringMatching(/^[A-Za-z0-9_.-]{1,400}$/).map((junk) => `Bearer ${junk}`),
    token.map((valid) => valid.replace('Bearer ', 'bearer ')),
    token.map((valid) => `${valid} ${valid}`),
    token.map((valid) => `${valid}x`),
    fc.integer({ min: 4000, max: 8000 }).map((length) => `Bearer ${'A'.repeat(length)}`),
  );
  const header = (value: string | undefined): Record<string, string> =>
    value === undefined ? {} : { authorization: value };
  const defects = operation.secured ? [{ at: 'authorization', named: [] }] : [];
  const refusedHeaders = refused.map((value): HeaderPiece => ({ headers: header(value), defects }));
  if (broken) return refusedHeaders;
  // Mostly a token that verifies, so that most requests get past it to the parts behind it.
  return fc.oneof(
    { weight: 5, arbitrary: token.map((value): HeaderPiece => ({ headers: header(value), defects: [] })) },
    { weight: 1, arbitrary: refusedHeaders },
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Text the JSON body parser refuses. */
const malformedJson = fc.oneof(
  fc
    .oneof(
      fc.constantFrom(
        '{',
        '{"a":',
        '{"a":1,}',
        "{'a':1}",
        'NaN',
        '[1,2',
        '{"a":1}}',
        'undefined',
        '\u0000',
        '{"a":01}',
        '{"a":"\\x"}',
      ),
      fc
        .tuple(
          fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ value })),
          fc.nat(),
        )
        .map(([text, cut]) => text.slice(0, cut % text.length)),
      junkText,
    )
    .filter((text) => !isJson(text)),
  // JSON that the parser's prototype-poisoning guard refuses.
  fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'),
);

const json = { 'content-type': 'application/json' };
const notJsonTypes = fc.constantFrom(
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'text/json',
  'application/json-patch+json',
  'image/png',
);

/** Bodies refused before any schema sees them: syntax, emptiness, size, media type. */
function refusedRaw(world: World): fc.Arbitrary<BodyPiece> {
  return fc.oneof(
    malformedJson.map((payload): BodyPiece => ({ payload, headers: json, defects: [{ at: 'json', named: [] }] })),
    fc.constant<BodyPiece>({ payload: '', headers: json, defects: [{ at: 'json', named: [] }] }),
    fc.integer({ min: 1, max: 5000 }).map((over): BodyPiece => ({
      payload: JSON.stringify({ padding: 'x'.repeat(world.bodyLimitBytes + over) }),
      headers: json,
      defects: [{ at: 'body-size', named: [] }],
    })),
    // No content type at all, or one no parser is registered for.
    fc
      .tuple(fc.jsonValue({ maxDepth: 2 }), fc.option(notJsonTypes, { nil: undefined }))
      .map(([value, type]): BodyPiece => ({
        payload: JSON.stringify(value),
        headers: type === undefined ? {} : { 'content-type': type },
        defects: [{ at: 'content-type', named: [] }],
      })),
  );
}

/** A content type for a JSON payload: mostly the plain one, sometimes variants the parser also takes. */
const jsonType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;charset=UTF-8',
      'application/json; foo=bar',
    ),
  },
);

function bodyPiece(operation: Operation, world: World, broken: boolean): fc.Arbitrary<BodyPiece> {
  const none: BodyPiece = { payload: undefined, headers: {}, defects: [] };
  // GET bodies are never parsed: junk is sent to show that it changes nothing.
  if (!writes(operation))
    return fc.option(
      junkText.map((payload): BodyPiece => ({ payload, headers: json, defects: [] })),
      { nil: none },
    );
  const sent = (values: fc.Arbitrary<unknown>, defects: readonly Defect[]): fc.Arbitrary<BodyPiece> =>
    fc
      .tuple(values, jsonType)
      .map(([value, type]) => ({ payload: JSON.stringify(value), headers: { 'content-type': type }, defects }));
  const schema = operation.body;
  if (schema === undefined) {
    // A route without a body schema still parses what it is sent: only raw faults refuse it.
    const ignored = fc.oneof(fc.constant(none), sent(fc.jsonValue({ maxDepth: 2 }), []));
    return broken
      ? refusedRaw(world)
      : fc.oneof({ weight: 3, arbitrary: ignored }, { weight: 1, arbitrary: refusedRaw(world) });
  }
  const refused = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(refusedValue(schema, 'body', world.ids), jsonType)
        .map(([{ value, named }, type]): BodyPiece => ({
          payload: JSON.stringify(value),
          headers: { 'content-type': type },
          defects: [{ at: 'body', named }],
        })),
    },
    { weight: 1, arbitrary: refusedRaw(world) },
  );
  return broken ? refused : fc.oneof(refused, sent(acceptedValue(schema, world.ids), []));
}

/**
 * Headers no route reads, some large: with the largest Authorization below they stay within
 * Node's 16 KiB limit on all headers, which a real socket would enforce before the app.
 */
const noise: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'x-forwarded-for',
    'x-request-id',
    'accept',
    'accept-language',
    'cookie',
    'origin',
    'referer',
    'user-agent',
    'if-none-match',
    'x-organization-id',
  ),
  fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.integer({ min: 500, max: 2000 }).map((length) => 'x'.repeat(length)),
  ),
  { maxKeys: 3 },
);

function partsOf(operation: Operation): Part[] {
  const parts: Part[] = [];
  if (operation.pathParameters.length > 0) parts.push('path');
  if (operation.queryParameters.length > 0) parts.push('query');
  if (operation.secured) parts.push('authorization');
  if (writes(operation)) parts.push('body');
  return parts;
}

/**
 * Requests to `operation`, each wrong in any of its parts. A request to an operation that writes
 * always has one part broken for certain (chosen at random), so none of them can change a row.
 */
export function hostileRequests(operation: Operation, world: World): fc.Arbitrary<HostileRequest> {
  const build = (broken: Part | undefined): fc.Arbitrary<HostileRequest> =>
    fc
      .record({
        path: pathPiece(operation, world, broken === 'path'),
        query: queryPiece(operation, world, broken === 'query'),
        auth: authorization(operation, world, broken === 'authorization'),
        body: bodyPiece(operation, world, broken === 'body'),
        noise,
      })
      .map(({ path, query, auth, body, noise: extra }) => ({
        operation: operation.id,
        method: operation.method,
        url: `${path.text}${query.text}`,
        headers: { ...extra, ...auth.headers, ...body.headers },
        payload: body.payload,
        defects: [...path.defects, ...query.defects, ...auth.defects, ...body.defects],
      }));
  if (!writes(operation)) return build(undefined);
  const parts = partsOf(operation);
  if (parts.length === 0) throw new Error(`${operation.id} writes but has no part a request can break`);
  // A broken token hides everything behind it, so it is the forced defect least often.
  return fc.oneof(...parts.map((part) => ({ weight: part === 'authorization' ? 1 : 3, arbitrary: build(part) })));
}
