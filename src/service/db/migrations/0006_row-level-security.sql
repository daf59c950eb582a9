-- The organization boundary, enforced by the database. The service runs its requests as the
-- role referral_bench_app (SET ROLE) with app.organization_id set for the transaction; that role
-- owns nothing, so every policy applies to it. Roles are cluster-wide: the role is shared by every
-- referral-bench database on a server, while grants and policies stay per database.
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
GRANT SELECT ON referral_analytics TO referral_bench_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO referral_bench_app;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['students', 'referral_campaigns', 'student_referrals', 'user_rankings',
    'points_transactions', 'achievements', 'student_achievements', 'referral_leaderboard_cache',
    'referral_performance_metrics']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY organization_isolation ON %I USING (organization_id = app_current_org()) '
      'WITH CHECK (organization_id = app_current_org())', t);
  END LOOP;
END
$$;

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON organizations USING (id = app_current_org());
