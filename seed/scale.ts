/**
 * Scale is one number, the referral count N; every other table derives from it by the ratios
 * below (documented in seed/README.md and copied into each manifest).
 */
import { badFlag } from '../src/core/errors.js';

/** The largest dataset the seeder accepts: beyond it a run would exhaust this machine. */
export const maxReferrals = 50_000_000;

/** The ratios that turn N into row counts and shapes. Frozen: a manifest records them. */
export const scaleRatios = Object.freeze({
  /** organizations = clamp(round(2 * log10(N)) - 2, 3, 12) */
  organizationsFormula: 'clamp(round(2 * log10(N)) - 2, 3, 12)',
  /** Share of organization k (0-based) is proportional to 1 / (k + 1)^exponent: one large school dominates. */
  organizationSizeExponent: 1.3,
  /** Existing students (potential referrers) per referral. Enrolled referrals add one new student each. */
  studentsPerReferral: 0.3,
  /** Share of existing students who ever refer anyone. */
  activeReferrerShare: 0.5,
  /** Referral propensity of an active referrer: Pareto(shape) capped, so a few refer hundreds and most one or two. */
  referrerParetoShape: 1.05,
  referrerParetoCap: 200,
  /** Status mix of referrals (recent referrals cannot have expired yet; those stay pending). */
  statusMix: Object.freeze({ pending: 0.31, contacted: 0.25, enrolled: 0.25, declined: 0.12, expired: 0.07 }),
  /** Share of open or closed-unenrolled referrals that were soft-deleted. */
  deletedShare: 0.01,
  /** Share of referrals created in a term-start peak (September, January) rather than uniformly. */
  termPeakShare: 0.45,
  /** Non-referral CRM activity ledger rows (attendance, homework, behaviour, participation) per referral. */
  activityRowsPerReferral: 0.5,
  /** Campaigns per organization: one per term start in the window, one open-ended, one inactive, plus flash campaigns. */
  flashCampaignsPerReferrals: 100_000,
  /** Share of open referrals carrying the campaign they came in through (the rest get one at enrollment). */
  openReferralCampaignShare: 0.7,
  /** Days of history the dataset covers, ending at the reference time. */
  historyDays: 730,
});

/** Row counts known before generation; the rest (ledger, achievements) follow from the draws. */
export interface ScalePlan {
  readonly referrals: number;
  readonly organizations: number;
  readonly baseStudents: number;
  readonly activityRows: number;
}

/** The plan for N referrals. */
export function planScale(referrals: number): ScalePlan {
  const organizations = Math.min(12, Math.max(3, Math.round(2 * Math.log10(referrals)) - 2));
  return {
    referrals,
    organizations,
    baseStudents: Math.max(organizations * 5, Math.round(referrals * scaleRatios.studentsPerReferral)),
    activityRows: Math.round(referrals * scaleRatios.activityRowsPerReferral),
  };
}

const countPattern = /^(\d+(?:\.\d+)?)([km]?)$/i;

/**
 * Parses `--referrals` (or the `flag` that carries a count): a whole number or a k/m suffixed one
 * (`10k`, `1m`, `1.5m`). Fails with a usage error naming the flag for zero, negatives, fractions,
 * junk and anything over 50M.
 */
export function parseReferralCount(value: string | number, flag = '--referrals'): number {
  const text = String(value).trim();
  const match = countPattern.exec(text);
  if (!match) throw badFlag(flag, `expected a positive whole number such as 10000, 10k, 1m or 1.5m, got "${text}"`);
  const unit = (match[2] ?? '').toLowerCase();
  const n = Number(match[1]) * (unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1);
  if (!Number.isInteger(n)) throw badFlag(flag, `"${text}" is not a whole number of referrals`);
  if (n < 1) throw badFlag(flag, `expected at least 1 referral, got ${text}`);
  if (n > maxReferrals)
    throw badFlag(flag, `${text} is over the limit of ${maxReferrals.toLocaleString('en-US')} referrals`);
  return n;
}
