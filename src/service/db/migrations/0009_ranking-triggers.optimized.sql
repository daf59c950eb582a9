-- The spec's selective trigger: ranking work runs only when the status really changes,
-- plus the two other events that move the counters (insert, soft delete).
CREATE TRIGGER update_referral_metrics_optimized
AFTER UPDATE OF status ON student_referrals
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION update_referral_ranking_optimized();

CREATE TRIGGER referral_ranking_on_insert
AFTER INSERT ON student_referrals
FOR EACH ROW EXECUTE FUNCTION update_referral_ranking_optimized();

CREATE TRIGGER referral_ranking_on_soft_delete
AFTER UPDATE OF deleted_at ON student_referrals
FOR EACH ROW
WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
EXECUTE FUNCTION update_referral_ranking_optimized();
