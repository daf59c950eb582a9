-- What the lock pass costs: the call without FOR UPDATE SKIP LOCKED, so it locks each row once,
-- by updating it, and waits for rows another transaction holds instead of skipping them.
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
   WHERE rc.id = p_campaign_id AND rc.deleted_at IS NULL AND rc.is_active;
  v_from := c.start_date::timestamp AT TIME ZONE c.timezone;
  v_until := coalesce((c.end_date + 1)::timestamp AT TIME ZONE c.timezone, 'infinity');
  UPDATE student_referrals sr SET campaign_id = c.id, updated_at = now()
   WHERE sr.id IN (
     SELECT e.id FROM student_referrals e
      WHERE e.organization_id = c.organization_id
        AND e.status IN ('pending', 'contacted') AND e.deleted_at IS NULL AND e.campaign_id IS NULL
        AND e.created_at >= v_from AND e.created_at < v_until
      ORDER BY e.created_at DESC
      LIMIT p_limit)
     AND sr.campaign_id IS NULL;
  GET DIAGNOSTICS applied = ROW_COUNT;
  remaining := applied = p_limit;
  RETURN NEXT;
END
$$;
