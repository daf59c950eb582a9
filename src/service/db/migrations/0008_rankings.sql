-- Rankings, shared by both variants: every student's ranking row, the ranking trigger's body, the
-- referral leaderboard and a student's stored rank. How the variants attach the trigger is in
-- 0009_ranking-triggers.*.sql, how they count a rank in 0010_points-rank.*.sql.

-- Every student is a ranked user from the start.
CREATE FUNCTION students_create_ranking() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_rankings (user_id, organization_id) VALUES (NEW.id, NEW.organization_id)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER students_create_ranking
AFTER INSERT ON students
FOR EACH ROW EXECUTE FUNCTION students_create_ranking();

-- The ranking trigger's body, for both variants. The optimized variant attaches it selectively
-- (WHEN OLD.status IS DISTINCT FROM NEW.status); the baseline attaches it to every update, so the
-- checks below must also make it a no-op when nothing relevant changed.
CREATE FUNCTION update_referral_ranking_optimized() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE user_rankings
       SET total_referrals = total_referrals + 1, last_activity_at = now()
     WHERE user_id = NEW.referrer_student_id AND organization_id = NEW.organization_id;
    RETURN NULL;
  END IF;
  IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
    UPDATE user_rankings
       SET total_referrals = total_referrals - 1
     WHERE user_id = NEW.referrer_student_id AND organization_id = NEW.organization_id;
  END IF;
  -- A bulk enrollment pays its awards set-based before it moves the rows (award_referral_enrollments,
  -- 0005_points.sql) and says so for the length of its UPDATE (app.awards_paid); a referral it paid
  -- has its award's ledger row. Anything else enrolls as it always did, whatever the ledger holds.
  -- (Separate tests: a condition with a subquery runs through the executor, a plain one does not,
  -- so only a row of the bulk's UPDATE pays for the ledger's.)
  IF OLD.status IS DISTINCT FROM NEW.status AND NEW.status = 'enrolled' THEN
    IF coalesce(current_setting('app.awards_paid', true), '') <> 'on' THEN
      PERFORM award_referral_enrollment(NEW.id);
    ELSIF NOT EXISTS (SELECT 1 FROM points_transactions pt
                       WHERE pt.category = 'referral_enrolled' AND pt.related_entity_type = 'student_referral'
                         AND pt.related_entity_id = NEW.id) THEN
      PERFORM award_referral_enrollment(NEW.id);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- The referral leaderboard: competition rank by referral points, ties by successful referrals.
-- Only students who have earned referral points appear. PL/pgSQL for its cached plan (see
-- 0012_student-profile.sql).
-- One plan per connection (plan_cache_mode): see 0012_student-profile.sql.
CREATE FUNCTION referral_leaderboard(p_organization_id uuid, p_limit integer DEFAULT 50)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'rank', t.rnk, 'studentId', t.user_id, 'firstName', t.first_name, 'lastName', t.last_name,
           'referralPoints', t.referral_points_earned, 'successfulReferrals', t.successful_referrals,
           'totalReferrals', t.total_referrals) ORDER BY t.rnk, t.user_id), '[]'::jsonb)
  FROM (
    SELECT ur.user_id, ur.referral_points_earned, ur.successful_referrals, ur.total_referrals,
           s.first_name, s.last_name,
           rank() OVER (ORDER BY ur.referral_points_earned DESC, ur.successful_referrals DESC) AS rnk
      FROM user_rankings ur
      JOIN students s ON s.id = ur.user_id AND s.organization_id = ur.organization_id
     WHERE ur.organization_id = p_organization_id AND ur.referral_points_earned > 0 AND s.deleted_at IS NULL
     ORDER BY ur.referral_points_earned DESC, ur.successful_referrals DESC, ur.user_id
     LIMIT p_limit
  ) t
  );
END
$$;

-- A student's place in the organization by total points (competition rank); stores it.
CREATE FUNCTION calculate_student_rank(p_student_id uuid) RETURNS TABLE (current_rank integer, total_points integer)
LANGUAGE plpgsql AS $$
DECLARE
  ur record;
BEGIN
  -- The total and its rank in one statement: the rank function is STABLE, so it reads this
  -- statement's snapshot, and a points change committed between two statements cannot set the
  -- student against its own new total.
  SELECT u.user_id, u.organization_id, u.total_points,
         organization_points_rank(u.organization_id, u.total_points) AS rank
    INTO ur FROM user_rankings u WHERE u.user_id = p_student_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'student % not found', p_student_id USING ERRCODE = 'RB404';
  END IF;
  current_rank := ur.rank;
  total_points := ur.total_points;
  UPDATE user_rankings u SET current_rank = calculate_student_rank.current_rank
   WHERE u.user_id = ur.user_id AND u.organization_id = ur.organization_id
     AND u.current_rank IS DISTINCT FROM calculate_student_rank.current_rank;
  RETURN NEXT;
END
$$;
