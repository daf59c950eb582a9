/**
 * Referral campaigns with date windows and multipliers, and the rule that picks the campaign
 * applying to a referral (the same as referral_applying_campaign in 0007_campaigns.sql).
 */
import { dayMs, dayNumber, referenceNowMs, termStarts } from './calendar.js';
import type { Organization } from './generate-organizations.js';
import type { Prng } from '../src/core/prng.js';
import { scaleRatios } from './scale.js';

export interface Campaign {
  readonly id: string;
  readonly organization: number;
  readonly name: string;
  readonly basePoints: number;
  /** bonus_multiplier in hundredths: numeric(4,2) kept exact. */
  readonly multiplierCents: number;
  readonly startDay: number;
  readonly endDay: number | null;
  readonly isActive: boolean;
  readonly createdAt: number;
}

const firstDay = Math.floor(referenceNowMs / dayMs) - scaleRatios.historyDays - 1;
const lastDay = Math.floor(referenceNowMs / dayMs) + 1;

/** The organization's campaigns: one per term start, one open-ended, one paused, and flash campaigns. */
export function generateCampaigns(prng: Prng, organizations: readonly Organization[]): Campaign[] {
  const campaigns: Campaign[] = [];
  organizations.forEach((org, organization) => {
    const add = (
      name: string,
      basePoints: number,
      multiplierCents: number,
      startDay: number,
      endDay: number | null,
      isActive = true,
    ) => {
      campaigns.push({
        id: prng.uuid(),
        organization,
        name,
        basePoints,
        multiplierCents,
        startDay,
        endDay,
        isActive,
        createdAt: (startDay - 7) * dayMs + prng.int(86_400) * 1000,
      });
    };
    const termBase = prng.pick([100, 120, 150]);
    for (const start of termStarts) {
      const day = dayNumber(start);
      const september = start.slice(5, 7) === '09';
      add(
        `${september ? 'Autumn' : 'Winter'} term referral drive ${start.slice(0, 4)}`,
        termBase,
        september ? 150 : 125,
        day - 30,
        day + 45,
      );
    }
    add('Always-on referral rewards', org.defaultReferralPoints, 110, dayNumber('2025-03-01'), null);
    add('Summer bring-a-friend (paused)', 100, 200, dayNumber('2025-06-01'), dayNumber('2025-08-31'), false);
    const flash = Math.ceil(org.referrals / scaleRatios.flashCampaignsPerReferrals);
    for (let i = 0; i < flash; i += 1) {
      const start = firstDay + 1 + prng.int(scaleRatios.historyDays - 14);
      add(`Flash double points #${i + 1}`, 100, 200, start, start + 13);
    }
  });
  return campaigns;
}

/**
 * For each organization, the index of the campaign that applies on each local day (or -1):
 * active, not deleted, start <= day <= end, highest multiplier, then latest start, then lowest id.
 */
export class CampaignCalendar {
  readonly #byOrganization: Int32Array[];

  constructor(campaigns: readonly Campaign[], organizations: number) {
    this.#byOrganization = Array.from({ length: organizations }, () => new Int32Array(lastDay - firstDay + 1).fill(-1));
    campaigns.forEach((c, index) => {
      if (!c.isActive) return;
      const days = this.#byOrganization[c.organization]!;
      const from = Math.max(c.startDay, firstDay);
      const to = Math.min(c.endDay ?? lastDay, lastDay);
      for (let day = from; day <= to; day += 1) {
        const current = days[day - firstDay]!;
        if (current < 0 || better(c, campaigns[current]!)) days[day - firstDay] = index;
      }
    });
  }

  /** The applying campaign's index for a referral created at `createdAt` in a zone `utcOffsetMinutes` from UTC. */
  applying(organization: number, createdAt: number, utcOffsetMinutes: number): number {
    const day = Math.floor((createdAt + utcOffsetMinutes * 60_000) / dayMs);
    return this.#byOrganization[organization]![day - firstDay] ?? -1;
  }
}

function better(a: Campaign, b: Campaign): boolean {
  if (a.multiplierCents !== b.multiplierCents) return a.multiplierCents > b.multiplierCents;
  if (a.startDay !== b.startDay) return a.startDay > b.startDay;
  return a.id < b.id;
}

export const campaignColumns = [
  'id',
  'organization_id',
  'name',
  'base_points_reward',
  'bonus_multiplier',
  'start_date',
  'end_date',
  'is_active',
  'created_at',
] as const;
