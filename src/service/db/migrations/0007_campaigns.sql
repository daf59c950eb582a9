-- Campaigns, shared by both variants: which campaign applies to a referral, and campaign
-- processing, which attaches a campaign to the referrals created inside its window.

-- The campaign that applies to a referral. An explicit campaign must belong to the organization
-- and not be deleted (RB422 otherwise): it is a what-if, so it need not be active or in window.
-- Without one, the referral's own campaign while it is not deleted; else the active campaign whose
-- window holds the referral's creation date in the school's own time zone, highest multiplier
-- first, then the latest start. Returns no row when none applies.
CREATE FUNCTION referral_applying_campaign(
  p_organization_id uuid, p_created_at timestamptz, p_timezone text, p_explicit_campaign_id uuid,
  p_own_campaign_id uuid DEFAULT NULL
) RETURNS TABLE (id uuid, base_points_reward integer, bonus_multiplier numeric)
-- one campaign or none: the planner's default guess of 1000 rows a call made a set-based award
-- (award_referral_enrollments) join every ranking row by hash instead of by key
LANGUAGE plpgsql STABLE ROWS 1 AS $$
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

-- Campaign processing: attaches a campaign to the organization's open referrals created inside its
-- window that have none yet, at most p_limit of them per call (the caller loops while remaining).
-- The window is two plain bounds, an open end being 'infinity': written as `end_date IS NULL OR
-- created_at < end`, the upper bound stopped being an index condition once PL/pgSQL switched the
-- statement to its generic plan (from the sixth call on a connection), and the scan filtered out,
-- one by one, every eligible referral created after the campaign's end. The statement moves
-- updated_at itself, which lets the guard skip these rows (0004_referral-lifecycle.sql).
CREATE FUNCTION process_referral_campaign(p_campaign_id uuid, p_limit integer DEFAULT 1000)
RETURNS TABLE (applied integer, remaining boolean)
LANGUAGE plpgsql AS $$
DECLARE
  c record;
  v_from timestamptz;
  v_until timestamptz;
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
  -- the window in the school's own time: from the start day's midnight to the midnight after the end day
  v_from := c.start_date::timestamp AT TIME ZONE c.timezone;
  v_until := coalesce((c.end_date + 1)::timestamp AT TIME ZONE c.timezone, 'infinity');
  WITH eligible AS (
    SELECT sr.id FROM student_referrals sr
     WHERE sr.organization_id = c.organization_id
       AND sr.status IN ('pending', 'contacted') AND sr.deleted_at IS NULL
       AND sr.campaign_id IS NULL
       AND sr.created_at >= v_from AND sr.created_at < v_until
     ORDER BY sr.created_at DESC
     LIMIT p_limit
     FOR UPDATE SKIP LOCKED
  )
  UPDATE student_referrals sr SET campaign_id = c.id, updated_at = now() FROM eligible e WHERE sr.id = e.id;
  GET DIAGNOSTICS applied = ROW_COUNT;
  -- Left for another call: the limit was reached, or an eligible referral was skipped because
  -- another change held it (it is still without a campaign; the call attached its own already).
  IF applied = p_limit THEN
    remaining := true;
  ELSE
    remaining := EXISTS (
      SELECT 1 FROM student_referrals sr
       WHERE sr.organization_id = c.organization_id
         AND sr.status IN ('pending', 'contacted') AND sr.deleted_at IS NULL
         AND sr.campaign_id IS NULL
         AND sr.created_at >= v_from AND sr.created_at < v_until);
  END IF;
  RETURN NEXT;
END
$$;
