-- A student's profile, the read model of the HTTP API's profile route, in one round trip. Shared by
-- both variants. It reads through row-level security (it runs as the caller), so it sees only the
-- caller's organization. p_include_referrals = false is the CRM without the referral feature (the
-- spec's integration-impact "before"): no referral joins, no referral achievements.
--
-- The read functions of every migration are PL/pgSQL returning one query, not SQL functions:
-- PostgreSQL before 18 plans the body of an SQL function it cannot inline again on every call,
-- while PL/pgSQL keeps the plan for the session. student_profile at 100k referrals: 1.5 ms a call
-- as SQL, 0.6 ms here (the mean of repeated calls in one psql session, \timing on, on
-- `referral-bench seed --referrals 100k --seed 42`).
--
-- PL/pgSQL keeps a generic plan only once it is estimated no dearer than the custom plans it
-- made so far; until then it plans every statement again on every call, with the call's values.
-- Where the generic plan is the same index-ordered plan, that planning is pure cost:
-- `SET plan_cache_mode = force_generic_plan` keeps one plan per connection. Two read functions
-- say so, referral_leaderboard and organization_dashboard (optimized), the ones it measured
-- faster for, per call with and without it, side by side under the service's scope
-- (`npx tsx bench/function-plan-cache.ts --referrals 1m`): x0.754 [0.637 to 0.888] and x0.414
-- [0.34 to 0.504] at 1M; the dashboard x0.372 [0.33 to 0.391] at 10k (`--referrals 10k --rounds 6
-- --calls 50`). student_profile, check_student_achievements and calculate_referral_points_optimized
-- measured no change (x1.087 [0.885 to 1.229], x1.029 [0.921 to 1.507], x0.951 [0.752 to 1.03] at
-- 1M) and keep PL/pgSQL's own choice.

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

GRANT EXECUTE ON FUNCTION student_profile(uuid, boolean, integer) TO referral_bench_app;
