-- A referral's lifecycle, shared by both variants: the allowed status transitions, the guard every
-- change passes, the status change the API sends, bulk processing and expiry. Errors here and in
-- the other rule files use SQLSTATEs of class 'RB' so the service can map them to stable HTTP
-- errors: RB404 not found, RB409 invalid transition / conflict, RB422 invalid input.

CREATE FUNCTION referral_transition_allowed(p_from text, p_to text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (p_from, p_to) IN (
    ('pending', 'contacted'), ('contacted', 'enrolled'),
    ('pending', 'declined'), ('contacted', 'declined'),
    ('pending', 'expired'), ('contacted', 'expired'))
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

-- The guard fires on every INSERT, and on UPDATE only when one of its rules can apply: the referral
-- is or becomes deleted, its status changes, a fixed column changes, or updated_at is left for the
-- guard to move. On any other update it would return the row unchanged, and skipping it spares
-- its PL/pgSQL for each row of a statement such as campaign processing, which attaches a campaign
-- to up to 1000 referrals at once and moves updated_at itself (0007_campaigns.sql).
CREATE TRIGGER student_referrals_guard
BEFORE INSERT ON student_referrals
FOR EACH ROW EXECUTE FUNCTION student_referrals_guard();

CREATE TRIGGER student_referrals_guard_update
BEFORE UPDATE ON student_referrals
FOR EACH ROW
WHEN (OLD.deleted_at IS NOT NULL OR NEW.deleted_at IS NOT NULL
      OR NEW.status IS DISTINCT FROM OLD.status
      OR NEW.organization_id <> OLD.organization_id OR NEW.referrer_student_id <> OLD.referrer_student_id
      OR NEW.created_at <> OLD.created_at
      OR NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at)
EXECUTE FUNCTION student_referrals_guard();

-- A status change, answered with the referral as the change left it. The award of an enrollment
-- (points_awarded, and the campaign it records) is written by the ranking trigger, an AFTER
-- trigger: it runs once the UPDATE has already formed its RETURNING row, so UPDATE ... RETURNING
-- answered points_awarded = 0 to the very request that enrolled (and only to it: a same-status
-- retry that waited for that request's lock finds the row paid). Here the row is read again by
-- the next statement, which sees what the trigger wrote; the UPDATE holds the row's lock until
-- commit, so that read is this change and nothing newer.
--
-- The decline reason and the enrolled student are recorded only with a real change, so a repeated
-- request is a no-op. No row when there is no such live referral (row-level security hides other
-- organizations' referrals as if they did not exist).
CREATE FUNCTION update_referral_status(
  p_referral_id uuid, p_status text, p_decline_reason text, p_enrolled_as_student_id uuid
) RETURNS SETOF student_referrals
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE student_referrals AS sr
     SET status = p_status,
         decline_reason = CASE WHEN sr.status <> p_status AND p_status = 'declined'
                               THEN coalesce(p_decline_reason, sr.decline_reason) ELSE sr.decline_reason END,
         enrolled_as_student_id = CASE WHEN sr.status <> p_status AND p_status = 'enrolled'
                                       THEN coalesce(p_enrolled_as_student_id, sr.enrolled_as_student_id) ELSE sr.enrolled_as_student_id END
   WHERE sr.id = p_referral_id AND sr.deleted_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM student_referrals sr WHERE sr.id = p_referral_id;
END
$$;

-- Bulk status change, set-based. Locks the referrals, then their referrers' rankings, each in a
-- fixed order, so concurrent bulks and single updates cannot deadlock. Which locked rows can move is
-- decided up front with the guard's own rule (live, and referral_transition_allowed), read from the
-- locked rows, so nothing can change them in between; then they move together, with one
-- subtransaction for the call instead of one per row (more than 64 in a transaction overflow the
-- backend's subtransaction cache and slow every other session's snapshot checks). At 1M referrals,
-- 100 pending referrals to contacted took x0.59 [0.53 to 0.65] the statement time of the per-row
-- savepoints, p50 14 ms against 24 ms, 40 interleaved pairs at load average 5.5
-- (npx tsx bench/bulk-processing.ts --setup-a bench/bulk-floors/per-row-savepoints.sql).
-- 100 contacted referrals to enrolled, their awards paid set-based (award_referral_enrollments)
-- instead of one by one in the ranking trigger: x0.455 [0.435 to 0.481], p50 31.0 ms against
-- 67.0 ms, 40 pairs at load average 1.6 (the same bench with --target enrolled --setup-a
-- bench/bulk-floors/per-row-enrollments.sql; x0.468 to x0.521 in earlier runs).
-- processed = rows moved to the target status; failed = unknown, deleted, other organization,
-- already at the target, or an invalid transition (those rows are unchanged). An id repeated in
-- the input is processed once and counted once.
CREATE FUNCTION bulk_process_referrals(p_referral_ids uuid[], p_target_status text)
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
      -- The awards first, set-based, in id order (a tier bonus goes to a referrer's 3rd, 5th and
      -- 10th enrollment); then one UPDATE writes each row's status with its award, and the ranking
      -- trigger, told so by app.awards_paid, finds each one paid. Every row must move: one that
      -- did not (a referrer without a ranking row, which the award leaves out; a rule that skips
      -- rather than refuses) undoes the lot, and the rows go one by one below, each paid by the
      -- ranking trigger only if it moves.
      PERFORM set_config('app.awards_paid', 'on', true);
      UPDATE student_referrals sr
         SET status = p_target_status, points_awarded = a.points, campaign_id = a.campaign_id
        FROM award_referral_enrollments(v_moving) a
       WHERE sr.id = a.referral_id AND sr.id = ANY (v_moving);
      GET DIAGNOSTICS processed = ROW_COUNT;
      PERFORM set_config('app.awards_paid', 'off', true);
      IF processed <> cardinality(v_moving) THEN
        RAISE EXCEPTION 'a referral of the batch did not move' USING ERRCODE = 'RB409';
      END IF;
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
