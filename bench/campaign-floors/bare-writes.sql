-- Floor: the rows' writes alone: no row trigger and no index but the primary key and the one that
-- finds the eligible referrals (a benchmark's clone only).
ALTER TABLE student_referrals DISABLE TRIGGER ALL;
DROP INDEX uq_student_referrals_live_phone;
DROP INDEX idx_student_referrals_performance;
DROP INDEX idx_student_referrals_pending_admin;
