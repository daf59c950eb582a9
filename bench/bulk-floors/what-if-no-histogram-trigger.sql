-- A measurement only, never a change to make: what the rank histogram's row trigger costs a bulk
-- enrollment (side B of bench/bulk-processing.ts --target enrolled). It leaves the histogram wrong.
ALTER TABLE user_rankings DISABLE TRIGGER ranking_points_histogram_on_update;
