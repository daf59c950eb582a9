-- A measurement only, never a change to make: what the ranking trigger's call per moved row costs a
-- bulk enrollment whose awards are already paid (side B of bench/bulk-processing.ts --target
-- enrolled). Single enrollments on that clone are no longer paid.
ALTER TABLE student_referrals DISABLE TRIGGER update_referral_metrics_optimized;
