/**
 * The whole dataset for (N, seed): runs the generators in order, each on its own random stream
 * (so changing one family's draws leaves the others' alone), and describes the rows as COPY tables.
 */
import { uuidBytes } from './binary-row-writer.js';
import { formatDay } from './calendar.js';
import type { CopyTable } from './copy-loader.js';
import { generateActivity } from './generate-activity.js';
import {
  entityKinds,
  generateAwards,
  Ledger,
  ledgerCategories,
  ledgerColumns,
  studentAchievementColumns,
  type Achievement,
  type StudentAchievements,
} from './generate-awards.js';
import { CampaignCalendar, campaignColumns, generateCampaigns, type Campaign } from './generate-campaigns.js';
import { generateOrganizations, organizationColumns, type Organization } from './generate-organizations.js';
import { generateRankings, rankingColumns } from './generate-rankings.js';
import {
  declineReasons,
  generateReferrals,
  referralColumns,
  referralStatuses,
  type Referrals,
} from './generate-referrals.js';
import {
  enrollmentStatuses,
  generateBaseStudents,
  studentColumns,
  writeEmail,
  writePhone,
  type Students,
} from './generate-students.js';
import { createNamePool, type NamePool } from './name-pool.js';
import { Prng } from '../src/core/prng.js';
import type { ScalePlan } from './scale.js';

/** Independent random streams of one seed, one per table family. */
const streams = Object.freeze({
  organizations: 1,
  campaigns: 2,
  students: 3,
  referrals: 4,
  awards: 5,
  activity: 6,
  achievements: 7,
});

export interface OrganizationsDraft {
  readonly pool: NamePool;
  readonly organizations: readonly Organization[];
  readonly table: CopyTable;
}

/** Step one: the organizations, loaded first so their trigger creates the default achievements. */
export function draftOrganizations(seed: number, plan: ScalePlan): OrganizationsDraft {
  const pool = createNamePool(seed);
  const organizations = generateOrganizations(
    new Prng(seed, streams.organizations),
    pool,
    plan.organizations,
    plan.referrals,
  );
  return {
    pool,
    organizations,
    table: {
      name: 'organizations',
      columns: organizationColumns,
      rowCount: organizations.length,
      write: (out, i) => {
        const o = organizations[i]!;
        out
          .text(o.id)
          .tab()
          .text(o.name)
          .tab()
          .text(o.timezone)
          .tab()
          .int(o.defaultReferralPoints)
          .tab()
          .timestamp(o.createdAt)
          .end();
      },
    },
  };
}

/** Deterministic ids for the trigger-made achievements, in (organization, code) order. */
export function achievementIds(seed: number, count: number): string[] {
  const prng = new Prng(seed, streams.achievements);
  return Array.from({ length: count }, () => prng.uuid());
}

export interface Dataset {
  /** The loader may run them in any order and in parallel: no triggers or FK checks fire during the load. */
  readonly tables: readonly CopyTable[];
}

/** The generated rows of step two, column-wise, before they are described as COPY tables. */
export interface DatasetColumns {
  readonly campaigns: readonly Campaign[];
  readonly students: Students;
  readonly referrals: Referrals;
  readonly ledger: Ledger;
  readonly granted: StudentAchievements;
}

/** Runs step two's generators, in order, each on its own stream (rankings are derived afterwards). */
export function generateColumns(
  seed: number,
  plan: ScalePlan,
  draft: OrganizationsDraft,
  achievements: readonly Achievement[],
): DatasetColumns {
  const { pool, organizations } = draft;
  const campaigns = generateCampaigns(new Prng(seed, streams.campaigns), organizations);
  const calendar = new CampaignCalendar(campaigns, organizations.length);
  const students = generateBaseStudents(
    new Prng(seed, streams.students),
    pool,
    organizations,
    plan.baseStudents,
    plan.referrals,
    plan.referrals,
  );
  const referrals = generateReferrals(new Prng(seed, streams.referrals), pool, organizations, students, calendar);
  const ledger = new Ledger(referrals.length * 3 + plan.activityRows);
  const granted = generateAwards(
    new Prng(seed, streams.awards),
    organizations,
    campaigns,
    achievements,
    students,
    referrals,
    ledger,
  );
  generateActivity(new Prng(seed, streams.activity), students, ledger, plan.activityRows);
  return { campaigns, students, referrals, ledger, granted };
}

/** Step two: everything else, given the organizations' achievements as read back (and re-keyed). */
export function generateDataset(
  seed: number,
  plan: ScalePlan,
  draft: OrganizationsDraft,
  achievements: readonly Achievement[],
): Dataset {
  const { pool, organizations } = draft;
  const { campaigns, students, referrals, ledger, granted } = generateColumns(seed, plan, draft, achievements);
  const rankings = generateRankings(students, referrals, ledger);

  const orgIds = organizations.map((o) => o.id);
  // the large tables load as COPY BINARY: their uuid columns take 16 bytes, not text
  const orgKeys = orgIds.map(uuidBytes);
  const campaignKeys = campaigns.map((c) => uuidBytes(c.id));
  const achievementKeys = achievements.map((a) => uuidBytes(a.id));
  // Foreign keys reference the students' keys, so those stay during the load; rows in id order
  // make their index inserts appends instead of random page writes.
  const ids = students.ids;
  const studentOrder = Int32Array.from({ length: students.length }, (_, i) => i).sort(
    (a, b) => ids[a * 4]! - ids[b * 4]! || ids[a * 4 + 1]! - ids[b * 4 + 1]! || a - b,
  );
  const { firstNames, lastNames } = pool;

  return {
    tables: [
      {
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
      },
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
    ],
  };
}
