-- Pre-computed figures, the spec's materialized-view approach: referral analytics per referrer and
-- the dashboard's figures per organization, both refreshed by refresh_referral_analytics() (every
-- 5 minutes, by the maintenance job). The baseline computes the same live
-- (0011_analytics.baseline.sql).

-- Referral analytics per referrer (the spec's materialized view, scoped by organization as the
-- domain model decides). The unique index lets it refresh CONCURRENTLY.
CREATE MATERIALIZED VIEW mv_referral_analytics AS
SELECT
  organization_id,
  referrer_student_id,
  count(*)::integer AS total_referrals,
  count(*) FILTER (WHERE status = 'enrolled')::integer AS successful_referrals,
  round(count(*) FILTER (WHERE status = 'enrolled')::numeric / count(*), 2) AS conversion_rate,
  coalesce(sum(points_awarded), 0)::bigint AS total_points_awarded
FROM student_referrals
WHERE deleted_at IS NULL
GROUP BY organization_id, referrer_student_id;

CREATE UNIQUE INDEX idx_mv_referral_analytics_referrer
  ON mv_referral_analytics (organization_id, referrer_student_id);
CREATE INDEX idx_mv_referral_analytics_top
  ON mv_referral_analytics (organization_id, successful_referrals DESC, total_referrals DESC, referrer_student_id);

-- What the service reads. A materialized view cannot carry row-level security, so this view
-- applies the organization boundary itself.
CREATE VIEW referral_analytics WITH (security_barrier) AS
SELECT organization_id, referrer_student_id, total_referrals, successful_referrals,
       conversion_rate, total_points_awarded
FROM mv_referral_analytics
WHERE organization_id = app_current_org();

GRANT SELECT ON referral_analytics TO referral_bench_app;

-- The caller's organization's top referrers, read from mv_referral_analytics in index order.
-- Through the view referral_analytics the organization filter is app_current_org(), which the
-- planner does not take for a constant, so it sorted every referrer of the school instead (23 ms
-- for the largest at 1M referrals, against 0.7 ms through this function: EXPLAIN (ANALYZE) of both
-- from psql on `referral-bench seed --referrals 1m --seed 42`).
-- SECURITY DEFINER because the service's role may read only the view; like the view, it returns
-- the caller's organization alone.
-- ROWS 10: the dashboard asks for ten; at the default estimate (1000) the planner joined the
-- students by scanning all of them (11 ms of a 21 ms dashboard at 100k referrals, EXPLAIN (ANALYZE)
-- of organization_dashboard on `referral-bench seed --referrals 100k --seed 42`).
CREATE FUNCTION top_referrers(p_limit integer) RETURNS SETOF mv_referral_analytics
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 10 SET search_path = public AS $$
DECLARE
  v_organization_id uuid := app_current_org();
BEGIN
  RETURN QUERY
    SELECT * FROM mv_referral_analytics m WHERE m.organization_id = v_organization_id
     ORDER BY m.successful_referrals DESC, m.total_referrals DESC, m.referrer_student_id
     LIMIT p_limit;
END
$$;

-- The dashboard's figures per organization: student counts, points and referral totals. The live
-- dashboard (0013_organization-dashboard.baseline.sql) counts every student and ranking row of the
-- organization on each read; the optimized one (0013_organization-dashboard.optimized.sql) reads
-- this one row.
CREATE MATERIALIZED VIEW mv_organization_summary AS
SELECT
  o.id AS organization_id,
  coalesce(st.total, 0)::integer AS students_total,
  coalesce(st.active, 0)::integer AS students_active,
  coalesce(pt.total, 0)::bigint AS points_total,
  coalesce(ra.total, 0)::bigint AS referrals_total,
  coalesce(ra.successful, 0)::bigint AS referrals_successful,
  coalesce(ra.points, 0)::bigint AS referral_points_awarded,
  coalesce(ra.referrers, 0)::integer AS referrers
FROM organizations o
LEFT JOIN (SELECT organization_id, count(*) AS total, count(*) FILTER (WHERE enrollment_status = 'active') AS active
             FROM students WHERE deleted_at IS NULL GROUP BY organization_id) st ON st.organization_id = o.id
LEFT JOIN (SELECT organization_id, sum(total_points) AS total FROM user_rankings GROUP BY organization_id) pt
  ON pt.organization_id = o.id
LEFT JOIN (SELECT organization_id, sum(total_referrals) AS total, sum(successful_referrals) AS successful,
                  sum(total_points_awarded) AS points, count(*) AS referrers
             FROM mv_referral_analytics GROUP BY organization_id) ra ON ra.organization_id = o.id;

CREATE UNIQUE INDEX idx_mv_organization_summary ON mv_organization_summary (organization_id);

-- What the service reads: a materialized view cannot carry row-level security, so this view
-- applies the organization boundary itself (as referral_analytics does).
CREATE VIEW organization_summary WITH (security_barrier) AS
SELECT * FROM mv_organization_summary WHERE organization_id = app_current_org();

GRANT SELECT ON organization_summary TO referral_bench_app;

-- Maintenance entry point, the same name on both variants: refreshes both, the summary after the
-- view it reads.
CREATE FUNCTION refresh_referral_analytics() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY mv_referral_analytics;
  REFRESH MATERIALIZED VIEW CONCURRENTLY mv_organization_summary;
END
$$;
