-- The competition rank of a points total in an organization: 1 + the students with more points.
-- Baseline: counted from user_rankings, one index entry per student ranked above; the optimized
-- variant reads it from a points histogram instead (0010_points-rank.optimized.sql). PL/pgSQL for
-- its cached plan (see 0012_student-profile.sql).
CREATE FUNCTION organization_points_rank(p_organization_id uuid, p_points integer) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
  SELECT count(*)::integer + 1 FROM user_rankings u WHERE u.organization_id = p_organization_id AND u.total_points > p_points
  );
END
$$;

-- The baseline keeps no histogram: a bulk award's moves change nothing here (the optimized
-- variant's function of the same name upserts them).
CREATE FUNCTION ranking_points_moved(p_organization_ids uuid[], p_from integer[], p_to integer[])
RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 0 $$;
