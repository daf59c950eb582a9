-- Campaign processing with its window as two plain bounds. Written as `end_date IS NULL OR
-- created_at < end`, the upper bound stopped being an index condition once PL/pgSQL switched the
-- statement to its generic plan (from the sixth call on a connection): the scan then began at the
-- organization's newest eligible referral and filtered out, one by one, every eligible referral
-- created after the campaign's end. An open end is now the bound 'infinity', so both bounds are
-- index conditions in every plan. The statement also moves updated_at itself (it did so through
-- the guard trigger), which lets the guard skip these rows (0013).
CREATE OR REPLACE FUNCTION process_referral_campaign(p_campaign_id uuid, p_limit integer DEFAULT 1000)
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
  remaining := applied = p_limit;
  RETURN NEXT;
END
$$;
