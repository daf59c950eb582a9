-- Baseline: the ranking work (update_referral_ranking_optimized, 0008_rankings.sql) attached to
-- every insert and update, unselectively, as before the spec's trigger optimization. The function
-- itself decides that most firings are no-ops.
CREATE TRIGGER update_referral_metrics
AFTER INSERT OR UPDATE ON student_referrals
FOR EACH ROW EXECUTE FUNCTION update_referral_ranking_optimized();
