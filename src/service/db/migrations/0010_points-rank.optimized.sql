-- The competition rank of a points total in an organization, live, without counting students.
-- A competition rank is 1 + the students of the organization with more points; counted from
-- user_rankings that is one index entry per student ranked above (154k entries, ~16 ms, for a
-- mid-table student of the largest school at 1M referrals). Students share few distinct totals
-- (2,799 among that school's 240k), so a histogram of students per total, kept by triggers in the
-- same transaction as the points, answers the same question from a few thousand rows at most, and
-- stays exact. (The baseline counts: 0010_points-rank.baseline.sql.) The figures: EXPLAIN (ANALYZE)
-- of both ways from psql, on a database seeded by `referral-bench seed --referrals 1m --seed 42`.
CREATE TABLE ranking_points_histogram (
  organization_id uuid NOT NULL,
  total_points integer NOT NULL,
  students integer NOT NULL CHECK (students >= 0),
  PRIMARY KEY (organization_id, total_points)
);

ALTER TABLE ranking_points_histogram ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON ranking_points_histogram
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
GRANT SELECT, INSERT, UPDATE ON ranking_points_histogram TO referral_bench_app;

-- A move locks the lower total's row first, so two transactions moving students between the same
-- two totals in opposite directions queue instead of deadlocking.
CREATE FUNCTION maintain_ranking_points_histogram() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.total_points <= NEW.total_points) THEN
    UPDATE ranking_points_histogram SET students = students - 1
     WHERE organization_id = OLD.organization_id AND total_points = OLD.total_points;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO ranking_points_histogram AS h (organization_id, total_points, students) VALUES (NEW.organization_id, NEW.total_points, 1)
    ON CONFLICT (organization_id, total_points) DO UPDATE SET students = h.students + 1;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.total_points > NEW.total_points THEN
    UPDATE ranking_points_histogram SET students = students - 1
     WHERE organization_id = OLD.organization_id AND total_points = OLD.total_points;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER ranking_points_histogram_on_insert AFTER INSERT ON user_rankings
  FOR EACH ROW EXECUTE FUNCTION maintain_ranking_points_histogram();
CREATE TRIGGER ranking_points_histogram_on_delete AFTER DELETE ON user_rankings
  FOR EACH ROW EXECUTE FUNCTION maintain_ranking_points_histogram();
CREATE TRIGGER ranking_points_histogram_on_update AFTER UPDATE OF total_points, organization_id ON user_rankings
  FOR EACH ROW WHEN (OLD.total_points IS DISTINCT FROM NEW.total_points OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
  EXECUTE FUNCTION maintain_ranking_points_histogram();

-- Recounts the histogram from user_rankings, after a bulk load that ran without triggers (the
-- seeder).
CREATE FUNCTION rebuild_ranking_points_histogram() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM ranking_points_histogram;
  INSERT INTO ranking_points_histogram (organization_id, total_points, students)
  SELECT organization_id, total_points, count(*) FROM user_rankings GROUP BY organization_id, total_points;
$$;

-- PL/pgSQL for its cached plan (see 0012_student-profile.sql).
CREATE FUNCTION organization_points_rank(p_organization_id uuid, p_points integer) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
  SELECT coalesce(sum(h.students), 0)::integer + 1 FROM ranking_points_histogram h
   WHERE h.organization_id = p_organization_id AND h.total_points > p_points
  );
END
$$;
