-- Before: organization_points_rank as it was until it summed the shorter side, summing every
-- total above the student's. A benchmark's clone only: side A of bench/points-rank.ts.
CREATE OR REPLACE FUNCTION organization_points_rank(p_organization_id uuid, p_points integer) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
  SELECT coalesce(sum(h.students), 0)::integer + 1 FROM ranking_points_histogram h
   WHERE h.organization_id = p_organization_id AND h.total_points > p_points
  );
END
$$;
