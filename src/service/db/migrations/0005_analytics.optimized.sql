-- Pre-computed referral analytics (the spec's materialized view, scoped by organization as
-- the domain model decides). The unique index lets it refresh CONCURRENTLY.
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

-- Maintenance entry point, the same name on both variants.
CREATE FUNCTION refresh_referral_analytics() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY mv_referral_analytics;
END
$$;
