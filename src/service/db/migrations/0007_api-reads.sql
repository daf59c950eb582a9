-- Read models of the HTTP API, each one round trip: a student's profile and an organization's
-- dashboard. Both read through row-level security (they run as the caller), so they see only the
-- caller's organization. p_include_referrals = false is the CRM without the referral feature
-- (the spec's integration-impact "before"): no referral joins, no referral achievements.
--
-- The read functions are PL/pgSQL returning one query, not SQL functions: PostgreSQL before 18
-- plans the body of an SQL function it cannot inline again on every call, while PL/pgSQL keeps
-- the plan for the session. student_profile at 100k referrals: 1.5 ms a call as SQL, 0.6 ms here.

CREATE FUNCTION student_profile(p_student_id uuid, p_include_referrals boolean DEFAULT true, p_recent integer DEFAULT 10)
RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
  SELECT jsonb_build_object(
    'student', jsonb_build_object(
      'id', s.id, 'firstName', s.first_name, 'lastName', s.last_name, 'email', s.email, 'phone', s.phone,
      'enrollmentStatus', s.enrollment_status, 'createdAt', s.created_at),
    'ranking', jsonb_build_object(
      'totalPoints', ur.total_points,
      -- competition rank by total points, live (the stored current_rank is only as fresh as its last calculation)
      'currentRank', organization_points_rank(s.organization_id, ur.total_points),
      'lastActivityAt', ur.last_activity_at),
    'pointsSummary', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('category', t.category, 'points', t.points, 'transactions', t.n)
                                ORDER BY t.category), '[]'::jsonb)
        FROM (SELECT pt.category, sum(pt.points_amount)::integer AS points, count(*)::integer AS n
                FROM points_transactions pt
               WHERE pt.student_id = s.id
                 AND (p_include_referrals OR pt.category NOT IN ('referral_enrolled', 'tier_bonus'))
               GROUP BY pt.category) t),
    'achievements', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('code', a.code, 'name', a.name, 'awardedAt', sa.awarded_at)
                                ORDER BY sa.awarded_at, a.code), '[]'::jsonb)
        FROM student_achievements sa JOIN achievements a ON a.id = sa.achievement_id
       WHERE sa.student_id = s.id AND (p_include_referrals OR a.kind <> 'referrals'))
  ) || CASE WHEN p_include_referrals THEN jsonb_build_object('referrals', jsonb_build_object(
      'totalReferrals', ur.total_referrals,
      'successfulReferrals', ur.successful_referrals,
      'pointsEarned', ur.referral_points_earned,
      'recent', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                 'id', r.id, 'referredName', r.referred_name, 'status', r.status,
                 'pointsAwarded', r.points_awarded, 'createdAt', r.created_at) ORDER BY r.created_at DESC, r.id), '[]'::jsonb)
          FROM (SELECT sr.id, sr.referred_name, sr.status, sr.points_awarded, sr.created_at
                  FROM student_referrals sr
                 WHERE sr.referrer_student_id = s.id AND sr.deleted_at IS NULL
                 ORDER BY sr.created_at DESC, sr.id
                 LIMIT p_recent) r)))
    ELSE '{}'::jsonb END
  FROM students s
  JOIN user_rankings ur ON ur.user_id = s.id AND ur.organization_id = s.organization_id
  WHERE s.id = p_student_id AND s.deleted_at IS NULL
  );
END
$$;

-- The admin dashboard, computed live: every figure is counted on each read (referral figures via
-- the view referral_analytics). The optimized variant replaces it with pre-computed figures (0008).
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

GRANT EXECUTE ON FUNCTION student_profile(uuid, boolean, integer), organization_dashboard(uuid, boolean, integer) TO referral_bench_app;
