-- Referral analytics per referrer. Baseline: computed live on every read (no materialized view).
CREATE VIEW referral_analytics WITH (security_barrier) AS
SELECT
  organization_id,
  referrer_student_id,
  count(*)::integer AS total_referrals,
  count(*) FILTER (WHERE status = 'enrolled')::integer AS successful_referrals,
  round(count(*) FILTER (WHERE status = 'enrolled')::numeric / count(*), 2) AS conversion_rate,
  coalesce(sum(points_awarded), 0)::bigint AS total_points_awarded
FROM student_referrals
WHERE deleted_at IS NULL AND organization_id = app_current_org()
GROUP BY organization_id, referrer_student_id;

GRANT SELECT ON referral_analytics TO referral_bench_app;

-- Maintenance entry point, the same name on both variants: nothing to refresh here.
CREATE FUNCTION refresh_referral_analytics() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RETURN;
END
$$;
