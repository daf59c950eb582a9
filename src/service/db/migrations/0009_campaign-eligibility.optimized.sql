-- Campaign processing looks for an organization's open referrals without a campaign, newest
-- first inside the campaign's window. This index holds exactly those rows (a referral leaves it
-- once a campaign is attached or it closes), so each batch reads its LIMIT rows and no more,
-- instead of filtering every open referral of the organization.
CREATE INDEX idx_student_referrals_campaign_eligible
  ON student_referrals (organization_id, created_at DESC)
  WHERE campaign_id IS NULL AND deleted_at IS NULL AND status IN ('pending', 'contacted');
