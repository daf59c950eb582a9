-- The competition rank of a points total in an organization, live, without counting students.
-- A competition rank is 1 + the students of the organization with more points; counted from
-- user_rankings that is one index entry per student ranked above (154k entries, ~16 ms, for a
-- mid-table student of the largest school at 1M referrals). Students share few distinct totals
-- (2,799 among that school's 240k), so a histogram of students per total, kept by triggers in the
-- same transaction as the points, answers the same question from a few thousand rows at most, and
-- stays exact. (The baseline counts: 0010_points-rank.baseline.sql.) The figures: EXPLAIN (ANALYZE)
-- of both ways from psql, on a database seeded by `referral-bench seed --referrals 1m --seed 42`.
--
-- A few thousand rows still grow with the school, and most students hold few points (the median
-- of 200 students drawn by bench/points-rank.ts is 5), so a typical rank summed nearly every row.
-- The rank now sums one side of the total: the totals above it, or the organization's count of
-- ranked students less the totals at or below it, whichever spans fewer points between the total
-- and the lowest or highest total any student holds. That bounds the rows it reads (a total per
-- point at most), and where totals crowd the low end, as they do, it is the side with fewer rows.
-- The count is kept in its own table, which only a ranking's arrival or departure changes, so
-- moving points takes no extra lock. Per call at 1M, the one-side sum against this, side by side
-- on clones of one dataset: `npx tsx bench/points-rank.ts --referrals 1m` (figures in
-- docs/performance-floor.md).
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

-- How many students each organization ranks: the rank's other side.
CREATE TABLE ranking_points_students (
  organization_id uuid PRIMARY KEY,
  students integer NOT NULL CHECK (students >= 0)
);

ALTER TABLE ranking_points_students ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_isolation ON ranking_points_students
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
GRANT SELECT, INSERT, UPDATE ON ranking_points_students TO referral_bench_app;

-- A move locks the lower total's row first, so two transactions moving students between the same
-- two totals in opposite directions queue instead of deadlocking. The organization's count changes
-- only when a ranking arrives or leaves (the organization branch is for completeness: a ranking's
-- foreign key to its student keeps its organization).
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

  IF TG_OP <> 'UPDATE' OR OLD.organization_id <> NEW.organization_id THEN
    IF TG_OP <> 'INSERT' THEN
      UPDATE ranking_points_students SET students = students - 1 WHERE organization_id = OLD.organization_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO ranking_points_students AS c (organization_id, students) VALUES (NEW.organization_id, 1)
      ON CONFLICT (organization_id) DO UPDATE SET students = c.students + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER ranking_points_histogram_on_insert AFTER INSERT ON user_rankings
  FOR EACH ROW EXECUTE FUNCTION maintain_ranking_points_histogram();
CREATE TRIGGER ranking_points_histogram_on_delete AFTER DELETE ON user_rankings
  FOR EACH ROW EXECUTE FUNCTION maintain_ranking_points_histogram();
-- Skipped while app.points_histogram_moved is on: a bulk award's statement moves its rankings'
-- totals itself (ranking_points_moved, below). The flag gives a client of the app role nothing it
-- lacks: that role may write the histogram directly anyway, within its organization.
CREATE TRIGGER ranking_points_histogram_on_update AFTER UPDATE OF total_points, organization_id ON user_rankings
  FOR EACH ROW WHEN ((OLD.total_points IS DISTINCT FROM NEW.total_points OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
                     AND current_setting('app.points_histogram_moved', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION maintain_ranking_points_histogram();

-- Many students' moves from one total to another within their organizations (a bulk award's),
-- as one upsert of each total's net change in (organization, total) order. Every transaction then
-- locks histogram rows in ascending order, as a single move does (lower total first): a bulk that
-- moved its referrers one row trigger at a time, in its UPDATE's row order, could deadlock with a
-- single enrollment moving through the same totals. A decrease is proposed as 0 students: the
-- CHECK applies to the proposed row before the conflict is found, and the row it decreases exists.
-- Paired at 1M it measured as fast as the row trigger (docs/performance-floor.md).
CREATE FUNCTION ranking_points_moved(p_organization_ids uuid[], p_from integer[], p_to integer[])
RETURNS integer LANGUAGE sql AS $$
  WITH moves AS (
    SELECT m.organization_id, m.total_points, sum(m.change)::integer AS change
      FROM (SELECT o, f, -1 FROM unnest(p_organization_ids, p_from) AS x(o, f)
            UNION ALL
            SELECT o, t, 1 FROM unnest(p_organization_ids, p_to) AS y(o, t)) AS m(organization_id, total_points, change)
     GROUP BY 1, 2
    HAVING sum(m.change) <> 0
  ), changed AS (
    INSERT INTO ranking_points_histogram AS h (organization_id, total_points, students)
    SELECT m.organization_id, m.total_points, greatest(m.change, 0) FROM moves m ORDER BY 1, 2
    ON CONFLICT (organization_id, total_points) DO UPDATE
      SET students = h.students + (SELECT m.change FROM moves m
                                    WHERE m.organization_id = excluded.organization_id
                                      AND m.total_points = excluded.total_points)
    RETURNING 1
  )
  SELECT count(*)::integer FROM changed;
$$;

-- Recounts the histogram from user_rankings, after a bulk load that ran without triggers (the
-- seeder).
CREATE FUNCTION rebuild_ranking_points_histogram() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM ranking_points_histogram;
  INSERT INTO ranking_points_histogram (organization_id, total_points, students)
  SELECT organization_id, total_points, count(*) FROM user_rankings GROUP BY organization_id, total_points;
  DELETE FROM ranking_points_students;
  INSERT INTO ranking_points_students (organization_id, students)
  SELECT organization_id, count(*) FROM user_rankings GROUP BY organization_id;
$$;

-- PL/pgSQL for its cached plan (see 0012_student-profile.sql). STABLE: every statement reads the
-- calling statement's snapshot, so the count and the histogram agree. The lowest and highest
-- totals come from rows that still hold a student: rows left at zero (a total nobody holds any
-- more, a penalty's once) would widen the range and tip the choice.
CREATE FUNCTION organization_points_rank(p_organization_id uuid, p_points integer) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_lowest integer;
  v_highest integer;
BEGIN
  SELECT h.total_points INTO v_highest FROM ranking_points_histogram h
   WHERE h.organization_id = p_organization_id AND h.students > 0 ORDER BY h.total_points DESC LIMIT 1;
  IF v_highest IS NULL OR p_points >= v_highest THEN
    RETURN 1;
  END IF;
  SELECT h.total_points INTO v_lowest FROM ranking_points_histogram h
   WHERE h.organization_id = p_organization_id AND h.students > 0 ORDER BY h.total_points LIMIT 1;
  IF p_points::bigint - v_lowest < v_highest::bigint - p_points THEN
    RETURN (
    SELECT coalesce(max(c.students), 0) + 1 FROM ranking_points_students c WHERE c.organization_id = p_organization_id
    ) - (
    SELECT coalesce(sum(h.students), 0)::integer FROM ranking_points_histogram h
     WHERE h.organization_id = p_organization_id AND h.total_points <= p_points
    );
  END IF;
  RETURN (
  SELECT coalesce(sum(h.students), 0)::integer + 1 FROM ranking_points_histogram h
   WHERE h.organization_id = p_organization_id AND h.total_points > p_points
  );
END
$$;
