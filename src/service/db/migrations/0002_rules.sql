-- Business rules shared by both variants: the status lifecycle, points, the award on enrollment,
-- bulk processing, campaigns, achievements, leaderboard, expiry. Errors use SQLSTATEs of class
-- 'RB' so the service can map them to stable HTTP errors:
--   RB404 not found, RB409 invalid transition / conflict, RB422 invalid input.

CREATE FUNCTION app_current_org() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.organization_id', true), '')::uuid
$$;

CREATE FUNCTION referral_transition_allowed(p_from text, p_to text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (p_from, p_to) IN (
    ('pending', 'contacted'), ('contacted', 'enrolled'),
    ('pending', 'declined'), ('contacted', 'declined'),
    ('pending', 'expired'), ('contacted', 'expired'))
$$;

CREATE FUNCTION referral_tier_bonus(p_successful integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_successful WHEN 3 THEN 50 WHEN 5 THEN 150 WHEN 10 THEN 300 ELSE 0 END
$$;

-- The campaign that applies to a referral. An explicit campaign must belong to the organization
-- and not be deleted (RB422 otherwise): it is a what-if, so it need not be active or in window.
-- Without one, the referral's own campaign while it is not deleted; else the active campaign whose
-- window holds the referral's creation date in the school's own time zone, highest multiplier
-- first, then the latest start. Returns no row when none applies.
CREATE FUNCTION referral_applying_campaign(
  p_organization_id uuid, p_created_at timestamptz, p_timezone text, p_explicit_campaign_id uuid,
  p_own_campaign_id uuid DEFAULT NULL
) RETURNS TABLE (id uuid, base_points_reward integer, bonus_multiplier numeric)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_day date := (p_created_at AT TIME ZONE p_timezone)::date;
BEGIN
  IF p_explicit_campaign_id IS NOT NULL THEN
    RETURN QUERY
      SELECT c.id, c.base_points_reward, c.bonus_multiplier::numeric
      FROM referral_campaigns c
      WHERE c.id = p_explicit_campaign_id AND c.organization_id = p_organization_id AND c.deleted_at IS NULL;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'campaign % does not exist in this organization', p_explicit_campaign_id
        USING ERRCODE = 'RB422';
    END IF;
    RETURN;
  END IF;
  IF p_own_campaign_id IS NOT NULL THEN
    RETURN QUERY
      SELECT c.id, c.base_points_reward, c.bonus_multiplier::numeric
      FROM referral_campaigns c
      WHERE c.id = p_own_campaign_id AND c.organization_id = p_organization_id AND c.deleted_at IS NULL;
    -- a campaign deleted since the referral was attached to it no longer applies: select by date
    IF FOUND THEN
      RETURN;
    END IF;
  END IF;
  RETURN QUERY
    SELECT c.id, c.base_points_reward, c.bonus_multiplier::numeric
    FROM referral_campaigns c
    WHERE c.organization_id = p_organization_id
      AND c.is_active AND c.deleted_at IS NULL
      AND c.start_date <= v_day
      AND (c.end_date IS NULL OR v_day <= c.end_date)
    ORDER BY c.bonus_multiplier DESC, c.start_date DESC, c.id
    LIMIT 1;
END
$$;

-- The spec's point calculation. Changes nothing. For a referral not yet enrolled it previews the
-- award (tier from the referrer's successful count plus this one); for an enrolled referral it
-- returns what was awarded (campaign recorded at the award, tier bonus from the ledger).
CREATE FUNCTION calculate_referral_points_optimized(p_referral_id uuid, p_campaign_id uuid DEFAULT NULL)
RETURNS TABLE (base_points integer, campaign_multiplier numeric, tier_bonus integer, total_points integer)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  r record;
  c record;
  v_successful integer;
BEGIN
  SELECT sr.organization_id, sr.referrer_student_id, sr.created_at, sr.status, sr.campaign_id,
         o.default_referral_points, o.timezone
    INTO r
    FROM student_referrals sr JOIN organizations o ON o.id = sr.organization_id
   WHERE sr.id = p_referral_id AND sr.deleted_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'referral % not found', p_referral_id USING ERRCODE = 'RB404';
  END IF;

  IF p_campaign_id IS NULL AND r.status = 'enrolled' THEN
    -- what was awarded: the campaign recorded at the award (even if deleted since), or none
    SELECT rc.id, rc.base_points_reward, rc.bonus_multiplier::numeric AS bonus_multiplier INTO c
      FROM referral_campaigns rc WHERE rc.id = r.campaign_id;
  ELSE
    SELECT * INTO c FROM referral_applying_campaign(
      r.organization_id, r.created_at, r.timezone, p_campaign_id, r.campaign_id);
  END IF;
  base_points := coalesce(c.base_points_reward, r.default_referral_points);
  campaign_multiplier := coalesce(c.bonus_multiplier, 1.00);

  IF r.status = 'enrolled' THEN
    SELECT coalesce(sum(pt.points_amount), 0)::integer INTO tier_bonus
      FROM points_transactions pt
     WHERE pt.category = 'tier_bonus' AND pt.related_entity_type = 'student_referral'
       AND pt.related_entity_id = p_referral_id;
  ELSE
    SELECT ur.successful_referrals INTO v_successful
      FROM user_rankings ur
     WHERE ur.user_id = r.referrer_student_id AND ur.organization_id = r.organization_id;
    tier_bonus := referral_tier_bonus(coalesce(v_successful, 0) + 1);
  END IF;

  total_points := round(base_points * campaign_multiplier)::integer + tier_bonus;
  RETURN NEXT;
END
$$;

-- Writes one ledger row and keeps user_rankings in step with it, in the caller's transaction.
-- Returns false (and changes nothing) when that reward was already granted.
CREATE FUNCTION grant_points(
  p_organization_id uuid, p_student_id uuid, p_amount integer, p_category text,
  p_entity_type text, p_entity_id uuid
) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_referral boolean := p_category IN ('referral_enrolled', 'tier_bonus');
BEGIN
  INSERT INTO points_transactions (organization_id, student_id, points_amount, category,
                                   related_entity_type, related_entity_id)
  VALUES (p_organization_id, p_student_id, p_amount, p_category, p_entity_type, p_entity_id)
  ON CONFLICT (category, related_entity_type, related_entity_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO user_rankings AS ur (user_id, organization_id, total_points, referral_points_earned, last_activity_at)
  VALUES (p_student_id, p_organization_id, p_amount, CASE WHEN v_referral THEN p_amount ELSE 0 END, now())
  ON CONFLICT (user_id, organization_id) DO UPDATE
    SET total_points = ur.total_points + EXCLUDED.total_points,
        referral_points_earned = ur.referral_points_earned + EXCLUDED.referral_points_earned,
        last_activity_at = now();
  RETURN true;
END
$$;

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

-- The award on enrollment, run by the ranking trigger in the same transaction as the status change.
-- Locking the referrer's ranking row first serializes concurrent enrollments of one referrer, so
-- each tier threshold is reached (and paid) exactly once.
CREATE FUNCTION award_referral_enrollment(p_referral_id uuid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  c record;
  v_successful integer;
  v_base integer;
  v_tier integer;
BEGIN
  SELECT sr.id, sr.organization_id, sr.referrer_student_id, sr.created_at, sr.campaign_id,
         o.default_referral_points, o.timezone
    INTO r
    FROM student_referrals sr JOIN organizations o ON o.id = sr.organization_id
   WHERE sr.id = p_referral_id;

  UPDATE user_rankings
     SET successful_referrals = successful_referrals + 1, last_activity_at = now()
   WHERE user_id = r.referrer_student_id AND organization_id = r.organization_id
  RETURNING successful_referrals INTO v_successful;

  SELECT * INTO c FROM referral_applying_campaign(r.organization_id, r.created_at, r.timezone, NULL, r.campaign_id);
  v_base := round(coalesce(c.base_points_reward, r.default_referral_points) * coalesce(c.bonus_multiplier, 1.00))::integer;
  v_tier := referral_tier_bonus(v_successful);

  PERFORM grant_points(r.organization_id, r.referrer_student_id, v_base, 'referral_enrolled', 'student_referral', r.id);
  IF v_tier > 0 THEN
    PERFORM grant_points(r.organization_id, r.referrer_student_id, v_tier, 'tier_bonus', 'student_referral', r.id);
  END IF;

  UPDATE student_referrals
     SET points_awarded = v_base + v_tier, campaign_id = c.id
   WHERE id = r.id;

  PERFORM award_referral_achievements(r.organization_id, r.referrer_student_id, v_successful);
  -- the leaderboard changed: drop the organization's cached copies
  DELETE FROM referral_leaderboard_cache WHERE organization_id = r.organization_id;
  RETURN v_base + v_tier;
END
$$;

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
  IF OLD.status IS DISTINCT FROM NEW.status AND NEW.status = 'enrolled' THEN
    PERFORM award_referral_enrollment(NEW.id);
  END IF;
  RETURN NULL;
END
$$;

-- Guards every change to a referral: the lifecycle, soft-delete rules, self-referral, and the
-- bookkeeping columns. Same-status updates are allowed and change nothing (idempotent retries).
CREATE FUNCTION student_referrals_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_phone text;
  v_email text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT s.phone, s.email INTO v_phone, v_email
      FROM students s
     WHERE s.id = NEW.referrer_student_id AND s.organization_id = NEW.organization_id AND s.deleted_at IS NULL;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'referrer % not found', NEW.referrer_student_id USING ERRCODE = 'RB404';
    END IF;
    IF NEW.referred_phone = v_phone OR (NEW.referred_email IS NOT NULL AND lower(NEW.referred_email) = lower(v_email)) THEN
      RAISE EXCEPTION 'a student cannot refer themselves' USING ERRCODE = 'RB422';
    END IF;
    IF NEW.status <> 'pending' OR NEW.points_awarded <> 0 OR NEW.deleted_at IS NOT NULL THEN
      RAISE EXCEPTION 'a referral starts pending, unawarded and live' USING ERRCODE = 'RB422';
    END IF;
    RETURN NEW;
  END IF;

  IF OLD.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'referral % is deleted', OLD.id USING ERRCODE = 'RB404';
  END IF;
  IF NEW.organization_id <> OLD.organization_id OR NEW.referrer_student_id <> OLD.referrer_student_id
     OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'a referral''s organization, referrer and creation time are fixed' USING ERRCODE = 'RB422';
  END IF;
  IF NEW.deleted_at IS NOT NULL AND OLD.status = 'enrolled' THEN
    RAISE EXCEPTION 'an enrolled referral has been rewarded and cannot be deleted' USING ERRCODE = 'RB409';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    IF NOT referral_transition_allowed(OLD.status, NEW.status) THEN
      RAISE EXCEPTION 'invalid status transition % -> %', OLD.status, NEW.status USING ERRCODE = 'RB409';
    END IF;
    IF NEW.status = 'contacted' THEN NEW.contact_date := coalesce(NEW.contact_date, now()); END IF;
    IF NEW.status = 'enrolled' THEN NEW.enrollment_date := coalesce(NEW.enrollment_date, now()); END IF;
  END IF;
  -- A no-op update (an idempotent retry) must not restart the 90-day expiry clock; a caller that
  -- sets updated_at itself (a seeder back-dating rows) keeps its value.
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at AND NEW IS DISTINCT FROM OLD THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER student_referrals_guard
BEFORE INSERT OR UPDATE ON student_referrals
FOR EACH ROW EXECUTE FUNCTION student_referrals_guard();

CREATE FUNCTION points_transactions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'points_transactions is an append-only ledger' USING ERRCODE = 'RB409';
END
$$;

CREATE TRIGGER points_transactions_append_only
BEFORE UPDATE OR DELETE ON points_transactions
FOR EACH ROW EXECUTE FUNCTION points_transactions_append_only();

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

-- Bulk status change. Locks the referrals, then their referrers' rankings, each in a fixed order,
-- so concurrent bulks and single updates cannot deadlock; each row then runs in its own savepoint.
-- processed = rows moved to the target status; failed = unknown, deleted, other organization,
-- already at the target, or an invalid transition (those rows are unchanged).
CREATE FUNCTION bulk_process_referrals(p_referral_ids uuid[], p_target_status text)
RETURNS TABLE (processed integer, failed integer, total_time_ms integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_started timestamptz := clock_timestamp();
  v_ids uuid[];
  v_id uuid;
BEGIN
  IF p_target_status NOT IN ('pending', 'contacted', 'enrolled', 'declined', 'expired') THEN
    RAISE EXCEPTION 'unknown status %', p_target_status USING ERRCODE = 'RB422';
  END IF;
  processed := 0;
  failed := 0;
  SELECT coalesce(array_agg(sr.id ORDER BY sr.id), '{}') INTO v_ids
    FROM (SELECT s.id FROM student_referrals s
           WHERE s.id = ANY (p_referral_ids) AND s.deleted_at IS NULL
           ORDER BY s.id FOR UPDATE) sr;
  PERFORM 1 FROM user_rankings ur
   WHERE (ur.user_id, ur.organization_id) IN (
     SELECT s.referrer_student_id, s.organization_id FROM student_referrals s WHERE s.id = ANY (v_ids))
   ORDER BY ur.user_id, ur.organization_id
   FOR UPDATE;
  failed := cardinality(ARRAY(SELECT DISTINCT unnest(p_referral_ids))) - cardinality(v_ids);
  FOREACH v_id IN ARRAY v_ids LOOP
    BEGIN
      UPDATE student_referrals SET status = p_target_status
       WHERE id = v_id AND status <> p_target_status;
      IF FOUND THEN
        processed := processed + 1;
      ELSE
        failed := failed + 1;
      END IF;
    EXCEPTION WHEN SQLSTATE 'RB409' OR SQLSTATE 'RB404' OR SQLSTATE 'RB422' THEN
      failed := failed + 1;
    END;
  END LOOP;
  total_time_ms := round(extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer;
  RETURN NEXT;
END
$$;

-- Campaign processing: attaches a campaign to the organization's open referrals created inside its
-- window that have none yet, at most p_limit of them per call (the caller loops while remaining).
CREATE FUNCTION process_referral_campaign(p_campaign_id uuid, p_limit integer DEFAULT 1000)
RETURNS TABLE (applied integer, remaining boolean)
LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  SELECT rc.*, o.timezone INTO c
    FROM referral_campaigns rc JOIN organizations o ON o.id = rc.organization_id
   WHERE rc.id = p_campaign_id AND rc.deleted_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'campaign % not found', p_campaign_id USING ERRCODE = 'RB404';
  END IF;
  IF NOT c.is_active THEN
    RAISE EXCEPTION 'campaign % is not active', p_campaign_id USING ERRCODE = 'RB409';
  END IF;
  WITH eligible AS (
    SELECT sr.id FROM student_referrals sr
     WHERE sr.organization_id = c.organization_id
       AND sr.status IN ('pending', 'contacted') AND sr.deleted_at IS NULL
       AND sr.campaign_id IS NULL
       AND sr.created_at >= (c.start_date::timestamp AT TIME ZONE c.timezone)
       AND (c.end_date IS NULL OR sr.created_at < ((c.end_date + 1)::timestamp AT TIME ZONE c.timezone))
     ORDER BY sr.created_at DESC
     LIMIT p_limit
     FOR UPDATE SKIP LOCKED
  )
  UPDATE student_referrals sr SET campaign_id = c.id FROM eligible e WHERE sr.id = e.id;
  GET DIAGNOSTICS applied = ROW_COUNT;
  remaining := applied = p_limit;
  RETURN NEXT;
END
$$;

-- The referral leaderboard: competition rank by referral points, ties by successful referrals.
-- Only students who have earned referral points appear. PL/pgSQL for its cached plan (see 0007).
CREATE FUNCTION referral_leaderboard(p_organization_id uuid, p_limit integer DEFAULT 50)
RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
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

-- The competition rank of a points total in an organization: 1 + the students with more points.
-- Counted here, one index entry per student ranked above; the optimized variant reads it from a
-- points histogram instead (0010). PL/pgSQL for its cached plan (see 0007).
CREATE FUNCTION organization_points_rank(p_organization_id uuid, p_points integer) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
  SELECT count(*)::integer + 1 FROM user_rankings u WHERE u.organization_id = p_organization_id AND u.total_points > p_points
  );
END
$$;

-- A student's place in the organization by total points (competition rank); stores it.
CREATE FUNCTION calculate_student_rank(p_student_id uuid) RETURNS TABLE (current_rank integer, total_points integer)
LANGUAGE plpgsql AS $$
DECLARE
  ur record;
BEGIN
  SELECT u.user_id, u.organization_id, u.total_points INTO ur FROM user_rankings u WHERE u.user_id = p_student_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'student % not found', p_student_id USING ERRCODE = 'RB404';
  END IF;
  current_rank := organization_points_rank(ur.organization_id, ur.total_points);
  total_points := ur.total_points;
  UPDATE user_rankings u SET current_rank = calculate_student_rank.current_rank
   WHERE u.user_id = ur.user_id AND u.organization_id = ur.organization_id
     AND u.current_rank IS DISTINCT FROM calculate_student_rank.current_rank;
  RETURN NEXT;
END
$$;

-- Expiry (maintenance): open referrals untouched for p_days are closed as expired.
CREATE FUNCTION expire_stale_referrals(p_days integer DEFAULT 90) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_count integer;
BEGIN
  UPDATE student_referrals SET status = 'expired'
   WHERE status IN ('pending', 'contacted') AND deleted_at IS NULL
     AND updated_at < now() - make_interval(days => p_days);
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END
$$;
