-- The organization boundary, enforced by the database. The service runs its requests as the
-- role referral_bench_app (SET ROLE) with app.organization_id set for the transaction; that role
-- owns nothing, so every policy applies to it. Roles are cluster-wide: the role is shared by every
-- referral-bench database on a server, while grants and policies stay per database. This file
-- covers the tables of 0001_core-tables.sql; an object created later carries its own grant (and
-- policy) in its own file.

-- The caller's organization, as the service sets it for each transaction (none outside one).
CREATE FUNCTION app_current_org() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.organization_id', true), '')::uuid
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'referral_bench_app') THEN
    CREATE ROLE referral_bench_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- created concurrently by a migration of another database on the same server
END
$$;

DO $$
BEGIN
  EXECUTE format('GRANT referral_bench_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  NULL; -- already a member, or a superuser who needs no membership
END
$$;

GRANT USAGE ON SCHEMA public TO referral_bench_app;
GRANT SELECT ON organizations, achievements TO referral_bench_app;
GRANT SELECT, INSERT, UPDATE ON students, referral_campaigns, student_referrals, user_rankings,
  student_achievements TO referral_bench_app;
GRANT SELECT, INSERT ON points_transactions, referral_performance_metrics TO referral_bench_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON referral_leaderboard_cache TO referral_bench_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO referral_bench_app;

-- Every table scoped by organization shows and accepts the caller's organization's rows only.
ALTER TABLE students ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON students
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE referral_campaigns ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON referral_campaigns
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE student_referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON student_referrals
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE user_rankings ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON user_rankings
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE points_transactions ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON points_transactions
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE achievements ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON achievements
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE student_achievements ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON student_achievements
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE referral_leaderboard_cache ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON referral_leaderboard_cache
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
ALTER TABLE referral_performance_metrics ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON referral_performance_metrics
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON organizations USING (id = app_current_org());
