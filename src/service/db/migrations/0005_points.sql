-- Points, shared by both variants: the tier bonus, the append-only ledger and the grant that keeps
-- user_rankings in step with it, the award on enrollment, and the spec's point calculation. The
-- campaign a referral earns by is chosen by referral_applying_campaign (0007_campaigns.sql).

CREATE FUNCTION referral_tier_bonus(p_successful integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_successful WHEN 3 THEN 50 WHEN 5 THEN 150 WHEN 10 THEN 300 ELSE 0 END
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

-- The ledger is append-only: a granted reward is never changed or taken back.
CREATE FUNCTION points_transactions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'points_transactions is an append-only ledger' USING ERRCODE = 'RB409';
END
$$;

CREATE TRIGGER points_transactions_append_only
BEFORE UPDATE OR DELETE ON points_transactions
FOR EACH ROW EXECUTE FUNCTION points_transactions_append_only();

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

-- The awards of many enrollments at once, for bulk_process_referrals: what award_referral_enrollment
-- pays once per referral in id order, paid by one set-based statement. A referrer's k-th referral
-- of the batch (in id order) counts the referrer's successful referrals before the batch plus k, so
-- each tier bonus lands on the same referral as one at a time, and the referrer reaches every
-- referral achievement up to its last count; the ledger, the rankings and the achievements end the
-- same (test/service/db: a bulk enrollment pays as single changes would). Each referrer's ranking
-- row is written once a call instead of two to four times per referral.
-- The caller holds the referrals' and their referrers' ranking rows' locks, and the referrals are
-- live and move to enrolled in the caller's next statement (one whose referrer holds no ranking
-- row is left out and paid nothing: the caller then moves the batch one by one),
-- which writes each one's award (points) and campaign with its status, with app.awards_paid on:
-- the ranking trigger finds the referral paid (its ledger row) and pays nothing more.
CREATE FUNCTION award_referral_enrollments(p_referral_ids uuid[])
RETURNS TABLE (referral_id uuid, points integer, campaign_id uuid)
LANGUAGE plpgsql ROWS 100 AS $$
BEGIN
  -- the rankings' totals move in the rank histogram in one ordered step (ranking_points_moved,
  -- 0010), not by its row trigger one referrer at a time
  PERFORM set_config('app.points_histogram_moved', 'on', true);
  RETURN QUERY
  WITH moving AS (
    SELECT sr.id, sr.organization_id, sr.referrer_student_id, sr.created_at, sr.campaign_id,
           o.default_referral_points, o.timezone,
           row_number() OVER (PARTITION BY sr.organization_id, sr.referrer_student_id ORDER BY sr.id)::integer AS nth
      FROM student_referrals sr JOIN organizations o ON o.id = sr.organization_id
     WHERE sr.id = ANY (p_referral_ids)
  ), award AS (
    SELECT m.id, m.organization_id, m.referrer_student_id, c.id AS campaign_id,
           round(coalesce(c.base_points_reward, m.default_referral_points)
                 * coalesce(c.bonus_multiplier, 1.00))::integer AS base,
           referral_tier_bonus(ur.successful_referrals + m.nth) AS tier,
           ur.successful_referrals + m.nth AS successful
      FROM moving m
      JOIN user_rankings ur ON ur.user_id = m.referrer_student_id AND ur.organization_id = m.organization_id
      LEFT JOIN LATERAL referral_applying_campaign(m.organization_id, m.created_at, m.timezone, NULL, m.campaign_id) c
        ON true
  ), reached AS (
    SELECT a.organization_id, a.referrer_student_id, max(a.successful) AS successful
      FROM award a GROUP BY 1, 2
  ), granted AS (
    -- every referral achievement the referrer has now reached and not yet got
    INSERT INTO student_achievements (organization_id, student_id, achievement_id)
    SELECT r.organization_id, r.referrer_student_id, ach.id
      FROM reached r
      JOIN achievements ach
        ON ach.organization_id = r.organization_id AND ach.kind = 'referrals' AND ach.threshold <= r.successful
    ON CONFLICT (student_id, achievement_id) DO NOTHING
    RETURNING student_achievements.id, student_achievements.organization_id, student_achievements.student_id,
              student_achievements.achievement_id
  ), ledger AS (
    -- a reward already granted is not paid again (grant_points' rule)
    INSERT INTO points_transactions (organization_id, student_id, points_amount, category,
                                     related_entity_type, related_entity_id)
    SELECT a.organization_id, a.referrer_student_id, a.base, 'referral_enrolled', 'student_referral', a.id FROM award a
    UNION ALL
    SELECT a.organization_id, a.referrer_student_id, a.tier, 'tier_bonus', 'student_referral', a.id
      FROM award a WHERE a.tier > 0
    UNION ALL
    SELECT g.organization_id, g.student_id, ach.points_reward, 'achievement', 'student_achievement', g.id
      FROM granted g JOIN achievements ach ON ach.id = g.achievement_id
     WHERE ach.points_reward > 0
    ON CONFLICT (category, related_entity_type, related_entity_id) DO NOTHING
    RETURNING points_transactions.organization_id, points_transactions.student_id, points_amount,
              points_transactions.category
  ), change AS (
    -- per referrer: its enrollments, and the points of the ledger rows written (referral points
    -- are the enrollment's and the tier bonus's); one row each, so no join is read twice
    SELECT x.organization_id, x.student_id, sum(x.enrolled)::integer AS enrolled,
           sum(x.points)::integer AS points, sum(x.referral_points)::integer AS referral_points
      FROM (SELECT a.organization_id, a.referrer_student_id AS student_id, 1 AS enrolled, 0 AS points,
                   0 AS referral_points
              FROM award a
            UNION ALL
            SELECT l.organization_id, l.student_id, 0, l.points_amount,
                   CASE WHEN l.category IN ('referral_enrolled', 'tier_bonus') THEN l.points_amount ELSE 0 END
              FROM ledger l) x
     GROUP BY 1, 2
  ), ranked AS (
    UPDATE user_rankings ur
       SET successful_referrals = ur.successful_referrals + ch.enrolled,
           total_points = ur.total_points + ch.points,
           referral_points_earned = ur.referral_points_earned + ch.referral_points,
           last_activity_at = now()
      FROM change ch
     WHERE ur.user_id = ch.student_id AND ur.organization_id = ch.organization_id
    RETURNING ur.organization_id, ur.total_points - ch.points AS moved_from, ur.total_points AS moved_to
  ), moved AS (
    SELECT ranking_points_moved(array_agg(r.organization_id), array_agg(r.moved_from), array_agg(r.moved_to)) AS totals
      FROM ranked r
  )
  -- (a data-modifying WITH runs to completion whether or not the query reads it; moved is read,
  -- so its function runs, after ranked)
  SELECT a.id, a.base + a.tier, a.campaign_id FROM award a CROSS JOIN moved;
  PERFORM set_config('app.points_histogram_moved', 'off', true);

  -- the leaderboards changed: drop the organizations' cached copies
  DELETE FROM referral_leaderboard_cache c
   WHERE c.organization_id IN (SELECT sr.organization_id FROM student_referrals sr WHERE sr.id = ANY (p_referral_ids));
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
