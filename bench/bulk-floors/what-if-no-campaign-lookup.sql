-- A measurement only, never a change to make: what choosing each referral's campaign costs a bulk
-- enrollment (side B of bench/bulk-processing.ts --target enrolled). No campaign ever applies.
CREATE OR REPLACE FUNCTION referral_applying_campaign(
  p_organization_id uuid, p_created_at timestamptz, p_timezone text, p_explicit_campaign_id uuid,
  p_own_campaign_id uuid DEFAULT NULL
) RETURNS TABLE (id uuid, base_points_reward integer, bonus_multiplier numeric)
LANGUAGE sql STABLE ROWS 1 AS $$ SELECT NULL::uuid, NULL::integer, NULL::numeric WHERE false $$;
