-- An organization's admin dashboard, the read model of the HTTP API's dashboard route, in one round
-- trip. p_include_referrals = false is the CRM without the referral feature: no referral figures.
-- Optimized: from the pre-computed figures (0011_analytics.optimized.sql); top students stay live
-- (an index range of ten rows). Runs as the caller, through the organization-filtered views and
-- top_referrers(). PL/pgSQL for its cached plan (see 0012_student-profile.sql).
-- One plan per connection (plan_cache_mode): see 0012_student-profile.sql.
CREATE FUNCTION organization_dashboard(p_organization_id uuid, p_include_referrals boolean DEFAULT true, p_top integer DEFAULT 10)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
  SELECT jsonb_build_object(
    'students', jsonb_build_object('total', coalesce(sm.students_total, 0), 'active', coalesce(sm.students_active, 0)),
    'points', jsonb_build_object('total', coalesce(sm.points_total, 0)),
    'topStudents', (
      SELECT coalesce(jsonb_agg(jsonb_build_object(
               'studentId', t.user_id, 'firstName', t.first_name, 'lastName', t.last_name, 'totalPoints', t.total_points)
               ORDER BY t.total_points DESC, t.user_id), '[]'::jsonb)
        FROM (SELECT ur.user_id, ur.total_points, s.first_name, s.last_name
                FROM user_rankings ur JOIN students s ON s.id = ur.user_id AND s.organization_id = ur.organization_id
               WHERE ur.organization_id = p_organization_id AND s.deleted_at IS NULL
               ORDER BY ur.total_points DESC, ur.user_id
               LIMIT p_top) t)
  ) || CASE WHEN p_include_referrals THEN jsonb_build_object('referrals', jsonb_build_object(
    'total', coalesce(sm.referrals_total, 0),
    'successful', coalesce(sm.referrals_successful, 0),
    'conversionRate', coalesce(round(sm.referrals_successful::numeric / nullif(sm.referrals_total, 0), 4), 0),
    'pointsAwarded', coalesce(sm.referral_points_awarded, 0),
    'referrers', coalesce(sm.referrers, 0),
    'topReferrers', (
      SELECT coalesce(jsonb_agg(jsonb_build_object(
               'studentId', t.referrer_student_id, 'firstName', t.first_name, 'lastName', t.last_name,
               'totalReferrals', t.total_referrals, 'successfulReferrals', t.successful_referrals,
               'conversionRate', t.conversion_rate, 'pointsAwarded', t.total_points_awarded)
               ORDER BY t.successful_referrals DESC, t.total_referrals DESC, t.referrer_student_id), '[]'::jsonb)
        FROM (SELECT ra.*, s.first_name, s.last_name
                FROM top_referrers(p_top) ra
                JOIN students s ON s.id = ra.referrer_student_id AND s.organization_id = p_organization_id) t)))
  ELSE '{}'::jsonb END
  FROM (SELECT 1) one
  LEFT JOIN organization_summary sm ON sm.organization_id = p_organization_id
  );
END
$$;

GRANT EXECUTE ON FUNCTION organization_dashboard(uuid, boolean, integer) TO referral_bench_app;
