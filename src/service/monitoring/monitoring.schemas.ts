/** Schemas of the monitoring routes. */
import { Type } from '@sinclair/typebox';

export const Health = Type.Object(
  {
    status: Type.Unsafe<'ok' | 'degraded'>({ type: 'string', enum: ['ok', 'degraded'] }),
    database: Type.Unsafe<'up' | 'down'>({ type: 'string', enum: ['up', 'down'] }),
    cache: Type.Unsafe<'redis' | 'memory'>({
      type: 'string',
      enum: ['redis', 'memory'],
      description: 'which cache backend serves analytics',
    }),
    variant: Type.Unsafe<'optimized' | 'baseline'>({ type: 'string', enum: ['optimized', 'baseline'] }),
  },
  { additionalProperties: false },
);

export const PerformanceReport = Type.Object(
  {
    windowMinutes: Type.Integer(),
    thresholdMs: Type.Integer({ description: 'only operations slower than this are recorded' }),
    operations: Type.Array(
      Type.Object(
        {
          queryType: Type.String(),
          avgMs: Type.Number(),
          maxMs: Type.Integer(),
          minMs: Type.Integer(),
          count: Type.Integer(),
          p95Ms: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
