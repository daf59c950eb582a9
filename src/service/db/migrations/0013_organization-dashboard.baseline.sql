-- An organization's admin dashboard, the read model of the HTTP API's dashboard route, in one round
-- trip, through row-level security (it runs as the caller). p_include_referrals = false is the CRM
-- without the referral feature: no referral figures.
-- Baseline: computed live, every figure counted on each read (referral figures via the view
-- referral_analytics, 0011_analytics.baseline.sql). PL/pgSQL for its cached plan (see
-- 0012_student-profile.sql).
CREATE FUNCTION organization_dashboard(p_organization_id uuid, p_include_referrals boolean DEFAULT true, p_top integer DEFAULT 10)
RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
  SELECT jsonb_build_object(
    'students', (
      SELECT jsonb_build_object('total', count(*), 'active', count(*) FILTER (WHERE st.enrollment_status = 'active'))
        FROM students st WHERE st.organization_id = p_organization_id AND st.deleted_at IS NULL),
    'points', (
      SELECT jsonb_build_object('total', coalesce(sum(ur.total_points), 0))
        FROM user_rankings ur WHERE ur.organization_id = p_organization_id),
    'topStudents', (
      SELECT coalesce(jsonb_agg(jsonb_build_object(
               'studentId', t.user_id, 'firstName', t.first_name, 'lastName', t.last_name, 'totalPoints', t.total_points)
               ORDER BY t.total_points DESC, t.user_id), '[]'::jsonb)
        FROM (SELECT ur.user_id, ur.total_points, s.first_name, s.last_name
                FROM user_rankings ur JOIN students s ON s.id = ur.user_id AND s.organization_id = ur.organization_id
               WHERE ur.organization_id = p_organization_id AND s.deleted_at IS NULL
               ORDER BY ur.total_points DESC, ur.user_id
               LIMIT p_top) t)
  ) || CASE WHEN p_include_referrals THEN (
    WITH a AS MATERIALIZED (
      SELECT ra.referrer_student_id, ra.total_referrals, ra.successful_referrals, ra.conversion_rate, ra.total_points_awarded
        FROM referral_analytics ra WHERE ra.organization_id = p_organization_id)
    SELECT jsonb_build_object('referrals', jsonb_build_object(
      'total', coalesce(sum(a.total_referrals), 0),
      'successful', coalesce(sum(a.successful_referrals), 0),
      'conversionRate', coalesce(round(sum(a.successful_referrals)::numeric / nullif(sum(a.total_referrals), 0), 4), 0),
      'pointsAwarded', coalesce(sum(a.total_points_awarded), 0),
      'referrers', count(*),
      'topReferrers', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                 'studentId', t.referrer_student_id, 'firstName', t.first_name, 'lastName', t.last_name,
                 'totalReferrals', t.total_referrals, 'successfulReferrals', t.successful_referrals,
                 'conversionRate', t.conversion_rate, 'pointsAwarded', t.total_points_awarded)
                 ORDER BY t.successful_referrals DESC, t.total_referrals DESC, t.referrer_student_id), '[]'::jsonb)
          -- top N first, names after: joining every referrer to students would cost a scan of them all
          FROM (SELECT top.*, s.first_name, s.last_name
                  FROM (SELECT * FROM a
                         ORDER BY a.successful_referrals DESC, a.total_referrals DESC, a.referrer_student_id
                         LIMIT p_top) top
                  JOIN students s ON s.id = top.referrer_student_id AND s.organization_id = p_organization_id) t)))
    FROM a)
  ELSE '{}'::jsonb END
  );
END
$$;

GRANT EXECUTE ON FUNCTION organization_dashboard(uuid, boolean, integer) TO referral_bench_app;
