-- Before: bulk_process_referrals as it was until the set-based move, every row in its own savepoint
-- (one subtransaction per row). A benchmark's clone only: side A of bench/bulk-processing.ts.
CREATE OR REPLACE FUNCTION bulk_process_referrals(p_referral_ids uuid[], p_target_status text)
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
