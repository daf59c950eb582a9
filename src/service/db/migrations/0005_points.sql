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
