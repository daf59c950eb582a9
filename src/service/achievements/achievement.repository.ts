/** Achievement SQL: check_student_achievements grants whatever the student qualifies for. */
import type { OrgTransaction } from '../db/pool.js';

export interface GrantedAchievement {
  code: string;
  name: string;
  pointsReward: number;
}

export async function checkAchievements(
  tx: OrgTransaction,
  studentId: string,
  includeReferrals: boolean,
): Promise<GrantedAchievement[]> {
  const { rows } = await tx.query<GrantedAchievement>({
    name: 'achievement-check',
    text: 'SELECT code, name, points_reward AS "pointsReward" FROM check_student_achievements($1, $2)',
    values: [studentId, includeReferrals],
  });
  return rows;
}
