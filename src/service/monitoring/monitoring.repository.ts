/** The spec's monitoring query over referral_performance_metrics, for one organization. */
import type { OrgTransaction } from '../db/pool.js';

export interface OperationFigures {
  queryType: string;
  avgMs: number;
  maxMs: number;
  minMs: number;
  count: number;
  p95Ms: number;
}

export async function readPerformance(tx: OrgTransaction, organizationId: string): Promise<OperationFigures[]> {
  const { rows } = await tx.query<OperationFigures>({
    name: 'monitoring-performance',
    text: `SELECT query_type AS "queryType",
                  avg(execution_time_ms)::float8 AS "avgMs",
                  max(execution_time_ms) AS "maxMs",
                  min(execution_time_ms) AS "minMs",
                  count(*)::integer AS count,
                  percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms) AS "p95Ms"
             FROM referral_performance_metrics
            WHERE organization_id = $1 AND created_at > now() - interval '1 hour'
            GROUP BY query_type
            ORDER BY "avgMs" DESC`,
    values: [organizationId],
  });
  return rows;
}
