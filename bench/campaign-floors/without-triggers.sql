-- Floor: the same call with no row trigger at all, the foreign-key checks included (a benchmark's
-- clone only: the rules and the campaign's existence go unchecked).
ALTER TABLE student_referrals DISABLE TRIGGER ALL;
