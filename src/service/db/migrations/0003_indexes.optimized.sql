-- The spec's indexes, as it writes them, plus the ones the service's workload needs.

-- Composite covering index for referral lookups by referrer.
CREATE INDEX idx_student_referrals_performance
  ON student_referrals (referrer_student_id, status, created_at DESC)
  INCLUDE (points_awarded, enrolled_as_student_id);

-- Admin dashboard: an organization's open referrals, newest first.
CREATE INDEX idx_student_referrals_pending_admin
  ON student_referrals (organization_id, status, created_at DESC)
  WHERE status IN ('pending', 'contacted');

-- Referral-ranking correlation (index-only reads of a student's referral counters).
CREATE INDEX idx_user_rankings_referral_correlation
  ON user_rankings (user_id, organization_id)
  INCLUDE (total_referrals, successful_referrals, referral_points_earned);

-- Monitoring: slow rows only.
CREATE INDEX idx_slow_queries
  ON referral_performance_metrics (query_type, created_at)
  WHERE execution_time_ms > 100;

-- Workload indexes beyond the spec's list:
-- the referral leaderboard (top N by referral points) and rank by total points;
CREATE INDEX idx_user_rankings_leaderboard
  ON user_rankings (organization_id, referral_points_earned DESC, successful_referrals DESC, user_id);
CREATE INDEX idx_user_rankings_total_points
  ON user_rankings (organization_id, total_points DESC);
-- a student's ledger (profile points summary, recent activity);
CREATE INDEX idx_points_transactions_student
  ON points_transactions (student_id, created_at DESC) INCLUDE (points_amount, category);
-- a student's achievements;
CREATE INDEX idx_student_achievements_student
  ON student_achievements (student_id) INCLUDE (achievement_id, awarded_at);
-- campaign selection by window;
CREATE INDEX idx_referral_campaigns_window
  ON referral_campaigns (organization_id, start_date DESC) WHERE deleted_at IS NULL;
-- the monitoring query's time window;
CREATE INDEX idx_performance_metrics_recent
  ON referral_performance_metrics (organization_id, created_at);
-- campaign processing (0007_campaigns.sql): an organization's open referrals without a campaign,
-- newest first inside the campaign's window. This index holds exactly those rows (a referral
-- leaves it once a campaign is attached or it closes), so each batch reads its LIMIT rows and no
-- more, instead of filtering every open referral of the organization.
CREATE INDEX idx_student_referrals_campaign_eligible
  ON student_referrals (organization_id, created_at DESC)
  WHERE campaign_id IS NULL AND deleted_at IS NULL AND status IN ('pending', 'contacted');
