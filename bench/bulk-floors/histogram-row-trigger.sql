-- The "before" side of the bulk award's histogram step (side A of bench/bulk-processing.ts
-- --target enrolled): the rank histogram kept by its row trigger, one referrer at a time in the
-- award's UPDATE order, as before ranking_points_moved. The award still calls the function; here
-- it does nothing, and the trigger no longer stands aside for it.
CREATE OR REPLACE FUNCTION ranking_points_moved(p_organization_ids uuid[], p_from integer[], p_to integer[])
RETURNS integer LANGUAGE sql AS $$ SELECT 0 $$;
DROP TRIGGER ranking_points_histogram_on_update ON user_rankings;
CREATE TRIGGER ranking_points_histogram_on_update AFTER UPDATE OF total_points, organization_id ON user_rankings
  FOR EACH ROW WHEN (OLD.total_points IS DISTINCT FROM NEW.total_points OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
  EXECUTE FUNCTION maintain_ranking_points_histogram();
