-- Before: bulk_process_referrals as it was until enrollments were paid set-based, each enrollment
-- its own UPDATE in id order, its award paid one at a time by the ranking trigger. A benchmark's
-- clone only: side A of bench/bulk-processing.ts --target enrolled.
CREATE OR REPLACE FUNCTION bulk_process_referrals(p_referral_ids uuid[], p_target_status text)
RETURNS TABLE (processed integer, failed integer, total_time_ms integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_started timestamptz := clock_timestamp();
  v_live uuid[];
  v_moving uuid[];
  v_id uuid;
  v_rows integer;
BEGIN
  IF p_target_status NOT IN ('pending', 'contacted', 'enrolled', 'declined', 'expired') THEN
    RAISE EXCEPTION 'unknown status %', p_target_status USING ERRCODE = 'RB422';
  END IF;
  processed := 0;
  SELECT coalesce(array_agg(sr.id ORDER BY sr.id), '{}'),
         coalesce(array_agg(sr.id ORDER BY sr.id)
                    FILTER (WHERE sr.status <> p_target_status AND referral_transition_allowed(sr.status, p_target_status)),
                  '{}')
    INTO v_live, v_moving
    FROM (SELECT s.id, s.status FROM student_referrals s
           WHERE s.id = ANY (p_referral_ids) AND s.deleted_at IS NULL
           ORDER BY s.id FOR UPDATE) sr;
  PERFORM 1 FROM user_rankings ur
   WHERE (ur.user_id, ur.organization_id) IN (
     SELECT s.referrer_student_id, s.organization_id FROM student_referrals s WHERE s.id = ANY (v_live))
   ORDER BY ur.user_id, ur.organization_id
   FOR UPDATE;
  -- The rows are locked and live, so for this status-only change the guard's one refusal is the
  -- transition rule filtered out above, and the AFTER triggers (ranking, the enrollment award)
  -- raise none of these codes today. Should a later rule refuse a row here after all, the whole
  -- move is undone and retried one savepoint per row, so that row alone fails, as before.
  BEGIN
    IF p_target_status = 'enrolled' THEN
      -- Each award depends on the referrer's awards before it (a tier bonus goes to the referrer's
      -- 3rd, 5th and 10th enrollment), and a single UPDATE fires its AFTER triggers in whatever
      -- order its plan reaches the rows: one UPDATE per row, in id order, pays them as before.
      FOREACH v_id IN ARRAY v_moving LOOP
        UPDATE student_referrals SET status = p_target_status WHERE id = v_id;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        processed := processed + v_rows;
      END LOOP;
    ELSE
      UPDATE student_referrals SET status = p_target_status WHERE id = ANY (v_moving);
      GET DIAGNOSTICS processed = ROW_COUNT;
    END IF;
  EXCEPTION WHEN SQLSTATE 'RB409' OR SQLSTATE 'RB404' OR SQLSTATE 'RB422' THEN
    processed := 0;
    FOREACH v_id IN ARRAY v_moving LOOP
      BEGIN
        UPDATE student_referrals SET status = p_target_status
         WHERE id = v_id AND status <> p_target_status;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        processed := processed + v_rows;
      EXCEPTION WHEN SQLSTATE 'RB409' OR SQLSTATE 'RB404' OR SQLSTATE 'RB422' THEN
        NULL;
      END;
    END LOOP;
  END;
  failed := cardinality(ARRAY(SELECT DISTINCT unnest(p_referral_ids))) - processed;
  total_time_ms := round(extract(epoch FROM clock_timestamp() - v_started) * 1000)::integer;
  RETURN NEXT;
END
$$;
