/**
 * The generated columns described as COPY tables: which columns, how many rows, and how each row
 * is written. The large tables go as COPY BINARY, so their uuid columns take 16 bytes, not text.
 */
import { uuidBytes } from './binary-row-writer.js';
import { formatDay } from './calendar.js';
import type { BinaryCopyTable, CopyTable } from './copy-loader.js';
import {
  entityKinds,
  ledgerCategories,
  ledgerColumns,
  studentAchievementColumns,
  type Achievement,
} from './generate-awards.js';
import { campaignColumns, type Campaign } from './generate-campaigns.js';
import type { DatasetColumns, OrganizationsDraft } from './generate-dataset.js';
import { generateRankings, rankingColumns } from './generate-rankings.js';
import { declineReasons, referralColumns, referralStatuses, type Referrals } from './generate-referrals.js';
import { enrollmentStatuses, studentColumns, writeEmail, writePhone, type Students } from './generate-students.js';

/** The tables step two fills, each described below. */
export const generatedTables: readonly string[] = Object.freeze([
  'referral_campaigns',
  'students',
  'student_referrals',
  'user_rankings',
  'points_transactions',
  'student_achievements',
]);

/** The campaigns, known before any referral is drawn. */
export function campaignsTable(draft: OrganizationsDraft, campaigns: readonly Campaign[]): CopyTable {
  const orgIds = draft.organizations.map((o) => o.id);
  return {
    name: 'referral_campaigns',
    columns: campaignColumns,
    rowCount: campaigns.length,
    write: (out, i) => {
      const c = campaigns[i]!;
      out
        .text(c.id)
        .tab()
        .text(orgIds[c.organization]!)
        .tab()
        .text(c.name)
        .tab()
        .int(c.basePoints)
        .tab()
        .text((c.multiplierCents / 100).toFixed(2))
        .tab()
        .text(formatDay(c.startDay))
        .tab();
      if (c.endDay === null) out.nul();
      else out.text(formatDay(c.endDay));
      out
        .tab()
        .text(c.isActive ? 't' : 'f')
        .tab()
        .timestamp(c.createdAt)
        .end();
    },
  };
}

/**
 * The referrals: their writer reads the columns as they are when it runs, so rows can be written
 * as soon as they are final (drawn, and awarded when enrolled).
 */
export function referralsTable(
  draft: OrganizationsDraft,
  campaigns: readonly Campaign[],
  students: Students,
  referrals: Referrals,
): BinaryCopyTable {
  const { pool } = draft;
  const { firstNames, lastNames } = pool;
  const orgKeys = draft.organizations.map((o) => uuidBytes(o.id));
  const campaignKeys = campaigns.map((c) => uuidBytes(c.id));
  return {
    name: 'student_referrals',
    format: 'binary',
    columns: referralColumns,
    rowCount: referrals.length,
    write: (out, i) => {
      const r = referrals;
      const first = r.firstName[i]!;
      const last = r.lastName[i]!;
      const serial = r.serial[i]!;
      const campaign = r.campaign[i]!;
      const enrolledAs = r.enrolledAs[i]!;
      const reason = r.declineReason[i]!;
      out
        .row()
        .uuid(r.ids, i)
        .tab()
        .bytes(orgKeys[r.organization[i]!]!)
        .tab()
        .uuid(students.ids, r.referrer[i]!)
        .tab()
        .text(firstNames[first]!)
        .text(' ')
        .text(lastNames[last]!)
        .tab();
      writePhone(out, serial);
      out.tab();
      writeEmail(out, pool, r.hasEmail[i]!, first, last, serial);
      out.tab();
      if (campaign >= 0) out.bytes(campaignKeys[campaign]!);
      else out.nul();
      out.tab().text(referralStatuses[r.status[i]!]!).tab().int4(r.pointsAwarded[i]!).tab();
      if (enrolledAs >= 0) out.uuid(students.ids, enrolledAs);
      else out.nul();
      out.tab().timestamptz(r.contactDate[i]!).tab().timestamptz(r.enrollmentDate[i]!).tab();
      if (reason >= 0) out.text(declineReasons[reason]!);
      else out.nul();
      out
        .tab()
        .timestamptz(r.createdAt[i]!)
        .tab()
        .timestamptz(r.updatedAt[i]!)
        .tab()
        .timestamptz(r.deletedAt[i]!)
        .end();
    },
  };
}

/** The tables that need every referral awarded and the activity generated: students, rankings, ledger, achievements granted. */
export function finishedTables(
  draft: OrganizationsDraft,
  achievements: readonly Achievement[],
  columns: DatasetColumns,
): CopyTable[] {
  const { pool } = draft;
  const { students, referrals, ledger, granted } = columns;
  const rankings = generateRankings(students, referrals, ledger);
  const orgKeys = draft.organizations.map((o) => uuidBytes(o.id));
  const achievementKeys = achievements.map((a) => uuidBytes(a.id));
  // Foreign keys reference the students' keys, so those stay during the load; rows in id order
  // make their index inserts appends instead of random page writes.
  const ids = students.ids;
  const studentOrder = Int32Array.from({ length: students.length }, (_, i) => i).sort(
    (a, b) => ids[a * 4]! - ids[b * 4]! || ids[a * 4 + 1]! - ids[b * 4 + 1]! || a - b,
  );
  const { firstNames, lastNames } = pool;
  return [
    {
      name: 'students',
      format: 'binary',
      columns: studentColumns,
      rowCount: students.length,
      write: (out, row) => {
        const i = studentOrder[row]!;
        const first = students.firstName[i]!;
        const last = students.lastName[i]!;
        const serial = students.serial[i]!;
        out
          .row()
          .uuid(students.ids, i)
          .tab()
          .bytes(orgKeys[students.organization[i]!]!)
          .tab()
          .text(firstNames[first]!)
          .tab()
          .text(lastNames[last]!)
          .tab();
        writePhone(out, serial);
        out.tab();
        writeEmail(out, pool, students.hasEmail[i]!, first, last, serial);
        out.tab().text(enrollmentStatuses[students.status[i]!]!).tab().timestamptz(students.createdAt[i]!).end();
      },
    },
    {
      name: 'user_rankings',
      format: 'binary',
      columns: rankingColumns,
      rowCount: students.length,
      write: (out, i) => {
        out
          .row()
          .uuid(students.ids, i)
          .tab()
          .bytes(orgKeys[students.organization[i]!]!)
          .tab()
          .int4(rankings.totalPoints[i]!)
          .tab()
          .int4(rankings.totalReferrals[i]!)
          .tab()
          .int4(rankings.successfulReferrals[i]!)
          .tab()
          .int4(rankings.referralPointsEarned[i]!)
          .tab()
          .int4(rankings.currentRank[i]!)
          .tab()
          .timestamptz(rankings.lastActivityAt[i]!)
          .end();
      },
    },
    {
      name: 'points_transactions',
      format: 'binary',
      columns: ledgerColumns,
      rowCount: ledger.length,
      write: (out, i) => {
        const kind = ledger.entityKind[i]!;
        out
          .row()
          .int8(i + 1)
          .tab()
          .bytes(orgKeys[ledger.organization[i]!]!)
          .tab()
          .uuid(students.ids, ledger.student[i]!)
          .tab()
          .int4(ledger.amount[i]!)
          .tab()
          .text(ledgerCategories[ledger.category[i]!]!)
          .tab();
        if (kind === 0) out.nul().tab().nul();
        else
          out
            .text(entityKinds[kind]!)
            .tab()
            .uuid(kind === 1 ? referrals.ids : granted.ids, ledger.entity[i]!);
        out.tab().timestamptz(ledger.createdAt[i]!).end();
      },
    },
    {
      name: 'student_achievements',
      format: 'binary',
      columns: studentAchievementColumns,
      rowCount: granted.length,
      write: (out, i) => {
        const student = granted.student[i]!;
        out
          .row()
          .uuid(granted.ids, i)
          .tab()
          .bytes(orgKeys[students.organization[student]!]!)
          .tab()
          .uuid(students.ids, student)
          .tab()
          .bytes(achievementKeys[granted.achievement[i]!]!)
          .tab()
          .timestamptz(granted.awardedAt[i]!)
          .end();
      },
    },
  ];
}
