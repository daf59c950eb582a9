/** Ranking SQL: calculate_student_rank computes a student's place and stores it. */
import type { OrgTransaction } from '../db/pool.js';

export async function calculateRank(
  tx: OrgTransaction,
  studentId: string,
): Promise<{ currentRank: number; totalPoints: number }> {
  const { rows } = await tx.query<{ currentRank: number; totalPoints: number }>({
    name: 'ranking-calculate',
    text: 'SELECT current_rank AS "currentRank", total_points AS "totalPoints" FROM calculate_student_rank($1)',
    values: [studentId],
  });
  return rows[0]!;
}
