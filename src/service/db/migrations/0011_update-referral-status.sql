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
