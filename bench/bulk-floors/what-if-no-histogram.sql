-- A measurement only, never a change to make: what keeping the rank histogram costs a bulk
-- enrollment (side B of bench/bulk-processing.ts --target enrolled): the award's ordered upsert of
-- its referrers' totals does nothing, and the row trigger stands aside as it does for the award.
-- It leaves the histogram wrong.
CREATE OR REPLACE FUNCTION ranking_points_moved(p_organization_ids uuid[], p_from integer[], p_to integer[])
RETURNS integer LANGUAGE sql AS $$ SELECT 0 $$;
