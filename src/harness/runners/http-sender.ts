/** Sends LoadRequests over an undici keep-alive Pool and records each into a RunRecorder. */
import { Pool } from 'undici';
import { classifyError, classifyStatus, type RequestOutcome } from '../measure/request-outcome.js';
import type { LoadRequest } from './load-request.js';

/** A keep-alive connection pool to one origin; `pipelining: 1` so requests never queue behind each other on a socket. */
export function createPool(origin: string, connections: number, requestTimeoutMs: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, headersTimeout: requestTimeoutMs, bodyTimeout: requestTimeoutMs, connectTimeout: requestTimeoutMs });
}

/** What one send produced. */
export interface SendResult {
  readonly outcome: RequestOutcome;
  /** `performance.now()` when the request was handed to the pool and when its body was read. */
  readonly sentAtMs: number;
  readonly completedAtMs: number;
}

/** Sends one request and reads the whole response; never throws. */
export async function sendRequest(pool: Pool, request: LoadRequest, basePath: string): Promise<SendResult> {
  const headers: Record<string, string> = { ...request.headers };
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const sentAtMs = performance.now();
  try {
    const response = await pool.request({ method: request.method, path: basePath + request.path, headers, body });
    // Read the whole body (dump's default limit would cut large responses and drop the socket).
    await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
    return { outcome: classifyStatus(response.statusCode, request.expectedStatuses), sentAtMs, completedAtMs: performance.now() };
  } catch (error: unknown) {
    return { outcome: classifyError(error), sentAtMs, completedAtMs: performance.now() };
  }
}
