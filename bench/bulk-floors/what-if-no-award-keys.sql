-- A measurement only, never a change to make: what the ledger's and the achievements' foreign key
-- checks cost a bulk enrollment (side B of bench/bulk-processing.ts --target enrolled).
ALTER TABLE points_transactions DROP CONSTRAINT points_transactions_organization_id_student_id_fkey;
ALTER TABLE student_achievements DROP CONSTRAINT student_achievements_organization_id_student_id_fkey;
ALTER TABLE student_achievements DROP CONSTRAINT student_achievements_organization_id_achievement_id_fkey;
