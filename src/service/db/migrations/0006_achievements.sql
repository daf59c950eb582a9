-- Achievements, shared by both variants: every organization's standard set, the referral
-- achievements granted with an enrollment's award, and the achievement check the API runs.

-- Every organization starts with the standard achievements: referral thresholds from the domain model
-- and the CRM's own points milestones.
CREATE FUNCTION organizations_default_achievements() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO achievements (organization_id, code, name, kind, threshold, points_reward)
  VALUES (NEW.id, 'referral-1', 'First referral enrolled', 'referrals', 1, 10),
         (NEW.id, 'referral-3', 'Three referrals enrolled', 'referrals', 3, 20),
         (NEW.id, 'referral-5', 'Five referrals enrolled', 'referrals', 5, 30),
         (NEW.id, 'referral-10', 'Ten referrals enrolled', 'referrals', 10, 50),
         (NEW.id, 'points-500', '500 points', 'points', 500, 0),
         (NEW.id, 'points-1000', '1,000 points', 'points', 1000, 0),
         (NEW.id, 'points-5000', '5,000 points', 'points', 5000, 0);
  RETURN NULL;
END
$$;

CREATE TRIGGER organizations_default_achievements
AFTER INSERT ON organizations
FOR EACH ROW EXECUTE FUNCTION organizations_default_achievements();

-- Grants every referral achievement whose threshold the student has reached. Idempotent.
CREATE FUNCTION award_referral_achievements(p_organization_id uuid, p_student_id uuid, p_successful integer)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  a record;
  v_awarded integer := 0;
  v_id uuid;
BEGIN
  FOR a IN
    SELECT ach.id, ach.points_reward FROM achievements ach
     WHERE ach.organization_id = p_organization_id AND ach.kind = 'referrals' AND ach.threshold <= p_successful
  LOOP
    INSERT INTO student_achievements (organization_id, student_id, achievement_id)
    VALUES (p_organization_id, p_student_id, a.id)
    ON CONFLICT (student_id, achievement_id) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NOT NULL THEN
      v_awarded := v_awarded + 1;
      IF a.points_reward > 0 THEN
        PERFORM grant_points(p_organization_id, p_student_id, a.points_reward, 'achievement', 'student_achievement', v_id);
      END IF;
      v_id := NULL;
    END IF;
  END LOOP;
  RETURN v_awarded;
END
$$;

-- Achievement check: grants every achievement the student qualifies for and has not got yet.
-- Returns the codes granted now.
CREATE FUNCTION check_student_achievements(p_student_id uuid, p_include_referrals boolean DEFAULT true)
RETURNS TABLE (code text, name text, points_reward integer)
LANGUAGE plpgsql AS $$
DECLARE
  ur record;
  a record;
  v_id uuid;
BEGIN
  SELECT * INTO ur FROM user_rankings WHERE user_id = p_student_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'student % not found', p_student_id USING ERRCODE = 'RB404';
  END IF;
  FOR a IN
    SELECT ach.id, ach.code, ach.name, ach.points_reward FROM achievements ach
     WHERE ach.organization_id = ur.organization_id
       AND ((ach.kind = 'points' AND ach.threshold <= ur.total_points)
         OR (p_include_referrals AND ach.kind = 'referrals' AND ach.threshold <= ur.successful_referrals))
       AND NOT EXISTS (SELECT 1 FROM student_achievements sa WHERE sa.student_id = p_student_id AND sa.achievement_id = ach.id)
     ORDER BY ach.threshold
  LOOP
    INSERT INTO student_achievements (organization_id, student_id, achievement_id)
    VALUES (ur.organization_id, p_student_id, a.id)
    ON CONFLICT (student_id, achievement_id) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NOT NULL THEN
      IF a.points_reward > 0 THEN
        PERFORM grant_points(ur.organization_id, p_student_id, a.points_reward, 'achievement', 'student_achievement', v_id);
      END IF;
      code := a.code; name := a.name; points_reward := a.points_reward;
      RETURN NEXT;
      v_id := NULL;
    END IF;
  END LOOP;
END
$$;
