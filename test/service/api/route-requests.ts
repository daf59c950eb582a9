/**
 * Every authenticated operation as the OpenAPI document lists it, and a valid request for each,
 * built from one organization's fixtures. Security tests run over this list, so a route added to
 * the service is exercised by them, or fails them until a request for it is added here.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Queryable } from '../../../src/service/db/queryable.js';
import { createCampaign, createStudent, randomPhone, type StudentFixture } from '../../helpers/fixtures.js';

/** One place a request carries a value: a path or query parameter, or a top-level body field. */
export interface Slot {
  readonly in: 'path' | 'query' | 'body';
  readonly name: string;
  /** The slot holds ids: a uuid, or an array of uuids. */
  readonly holdsIds: boolean;
  /** The slot is an array (its values go in as one-element arrays). */
  readonly isArray: boolean;
}

/** An operation that needs a bearer token. */
export interface Operation {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The OpenAPI form, with `{name}` for path parameters. */
  readonly path: string;
  readonly slots: readonly Slot[];
}

/** The values of one request, by slot. */
export interface RouteRequest {
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: Readonly<Record<string, unknown>>;
}

interface SchemaNode {
  type?: string;
  format?: string;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}
interface OpenApiOperation {
  operationId: string;
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; schema: SchemaNode }>;
  requestBody?: { content: Record<string, { schema: SchemaNode }> };
}

function slot(where: Slot['in'], name: string, schema: SchemaNode): Slot {
  const isArray = schema.type === 'array';
  return { in: where, name, holdsIds: (isArray ? schema.items?.format : schema.format) === 'uuid', isArray };
}

/** The operations of the app's own OpenAPI document that declare a security requirement. */
export async function securedOperations(app: FastifyInstance): Promise<Operation[]> {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  const doc = response.json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => (op.security?.length ?? 0) > 0)
      .map(([method, op]) => ({
        operationId: op.operationId,
        method: method.toUpperCase() as Operation['method'],
        path,
        slots: [
          ...(op.parameters ?? []).map((p) => slot(p.in as 'path' | 'query', p.name, p.schema)),
          ...Object.entries(op.requestBody?.content['application/json']?.schema.properties ?? {}).map(
            ([name, schema]) => slot('body', name, schema),
          ),
        ],
      })),
  );
}

/** The value `request` gives `where`, if any. */
export function valueAt(request: RouteRequest, where: Slot): unknown {
  return request[where.in]?.[where.name];
}

/** `request` with `where` set to `value`. */
export function withValue(request: RouteRequest, where: Slot, value: unknown): RouteRequest {
  return { ...request, [where.in]: { ...request[where.in], [where.name]: value } };
}

/** The inject options of `request` to `operation`; values are URL-encoded as a client would. */
export function toInject(operation: Operation, request: RouteRequest, headers: Record<string, string>): InjectOptions {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(request.path?.[name] ?? ''),
  );
  const query =
    request.query && Object.keys(request.query).length > 0 ? `?${new URLSearchParams(request.query).toString()}` : '';
  return {
    method: operation.method,
    url: `${path}${query}`,
    headers,
    ...(request.body ? { payload: request.body as object } : {}),
  };
}

/**
 * One organization's fixtures around one student. Every world has the same shape, so a request
 * built from one can be compared with the same request built from another, slot by slot.
 */
export interface World {
  readonly organizationId: string;
  readonly student: StudentFixture;
  /** An active campaign of the organization, open since 2020. */
  readonly campaignId: string;
  /** A pending referral of the student, for reads. */
  readonly referralId: string;
  /** Everything this world created that no other organization or student may see: ids, phones, names. */
  readonly secrets: string[];
  /** A new pending referral of the student. */
  pendingReferral(): Promise<string>;
  /** A new contacted referral of the student. */
  contactedReferral(): Promise<string>;
  /** A new student of the organization. */
  newStudent(): Promise<string>;
}

/**
 * Creates a world for a new student of `organizationId`. A world of a second student of the
 * same organization passes the first one's `campaignId`: campaigns belong to the organization.
 */
export async function createWorld(db: Queryable, organizationId: string, campaignId?: string): Promise<World> {
  // A marker in every referred name, so a leaked referral is found by name as well as by id.
  const marker = `referred-${randomUUID().slice(0, 8)}`;
  const student = await createStudent(db, organizationId);
  const campaign =
    campaignId ??
    (await createCampaign(db, organizationId, { basePoints: 100, multiplier: '1.50', startDate: '2020-01-01' }));
  const secrets = [organizationId, student.id, student.phone, marker, ...(campaignId ? [] : [campaign])];
  const insertReferral = async (): Promise<string> => {
    const phone = randomPhone();
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO student_referrals (organization_id, referrer_student_id, referred_name, referred_phone)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [organizationId, student.id, `${marker} friend`, phone],
    );
    secrets.push(rows[0]!.id, phone);
    return rows[0]!.id;
  };
  return {
    organizationId,
    student,
    campaignId: campaign,
    referralId: await insertReferral(),
    secrets,
    pendingReferral: insertReferral,
    async contactedReferral() {
      const id = await insertReferral();
      await db.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [id]);
      return id;
    },
    async newStudent() {
      const other = await createStudent(db, organizationId);
      secrets.push(other.id, other.phone);
      return other.id;
    },
  };
}

/** Builds one valid request from a world's fixtures. */
export type RequestBuilder = (world: World) => Promise<RouteRequest>;

const friend = (): Record<string, string> => ({
  referredName: 'A friend',
  referredPhone: randomPhone(),
  referredEmail: `friend-${randomUUID().slice(0, 8)}@example.test`,
});

/**
 * Requests by operationId, each answered 2xx for an admin of the world's organization. Together
 * an operation's requests set every slot the document lists for it (optional ones included).
 */
export const requestBuilders: Readonly<Record<string, readonly RequestBuilder[]>> = {
  'student-profile': [async (w) => ({ path: { studentId: w.student.id } })],
  'referral-analytics': [async (w) => ({ path: { studentId: w.student.id } })],
  'referral-list': [async (w) => ({ path: { studentId: w.student.id }, query: { status: 'pending', limit: '10' } })],
  'ranking-calculation': [async (w) => ({ path: { studentId: w.student.id } })],
  'achievement-check': [async (w) => ({ path: { studentId: w.student.id } })],
  'calculate-points': [async (w) => ({ path: { referralId: w.referralId }, query: { campaignId: w.campaignId } })],
  'create-referral': [
    async (w) => ({ body: { ...friend(), campaignId: w.campaignId, referrerStudentId: w.student.id } }),
  ],
  'update-status': [
    async (w) => ({
      path: { referralId: await w.pendingReferral() },
      body: { status: 'declined', declineReason: 'moved away' },
    }),
    async (w) => ({
      path: { referralId: await w.contactedReferral() },
      body: { status: 'enrolled', enrolledAsStudentId: await w.newStudent() },
    }),
  ],
  'bulk-process': [async (w) => ({ body: { referralIds: [await w.pendingReferral()], status: 'contacted' } })],
  'campaign-processing': [async (w) => ({ path: { campaignId: w.campaignId }, query: { limit: '10' } })],
  'dashboard-analytics': [async () => ({ query: { fresh: 'true' } })],
  'leaderboard-read': [
    async () => ({ query: { limit: '10' } }),
    async () => ({ query: { limit: '10', fresh: 'true' } }),
  ],
  'leaderboard-update': [async () => ({ query: { limit: '10' } })],
  'pending-admin': [async () => ({ query: { limit: '10' } })],
  'performance-report': [async () => ({})],
};

/** The operations of `operations` that have no request above, named with their route. */
export function operationsWithoutRequests(operations: readonly Operation[]): string[] {
  return operations
    .filter((op) => !requestBuilders[op.operationId])
    .map((op) => `${op.operationId} (${op.method} ${op.path})`);
}

/** Builds, one after another, every request of `operation` from `world`. */
export async function buildRequests(operation: Operation, world: World): Promise<RouteRequest[]> {
  const requests: RouteRequest[] = [];
  for (const build of requestBuilders[operation.operationId] ?? []) requests.push(await build(world));
  return requests;
}

/** The slots of `operation` that none of `requests` sets: places the security tests would miss. */
export function unsetSlots(operation: Operation, requests: readonly RouteRequest[]): string[] {
  return operation.slots
    .filter((s) => requests.every((r) => valueAt(r, s) === undefined))
    .map((s) => `${operation.operationId} ${s.in} ${s.name}`);
}
