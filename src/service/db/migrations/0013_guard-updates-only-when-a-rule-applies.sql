-- The guard's PL/pgSQL ran for every updated referral, also where none of its rules could apply:
-- campaign processing attaches a campaign to up to 1000 referrals in one statement and moves
-- updated_at itself (0012). On UPDATE the guard now fires only when one of its rules can apply:
-- the referral is or becomes deleted, its status changes, a fixed column changes, or updated_at is
-- left for the guard to move. When none of these holds, the guard returned the row unchanged.
DROP TRIGGER student_referrals_guard ON student_referrals;

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
