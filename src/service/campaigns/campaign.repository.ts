/** Campaign processing SQL: process_referral_campaign attaches a campaign to eligible open referrals. */
import type { OrgTransaction } from '../db/pool.js';

export async function processCampaign(
  tx: OrgTransaction,
  campaignId: string,
  limit: number,
): Promise<{ applied: number; remaining: boolean }> {
  const { rows } = await tx.query<{ applied: number; remaining: boolean }>({
    name: 'campaign-process',
    text: 'SELECT applied, remaining FROM process_referral_campaign($1, $2)',
    values: [campaignId, limit],
  });
  return rows[0]!;
}
