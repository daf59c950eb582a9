/**
 * The whole dataset for (N, seed): runs the generators in order, each on its own random stream
 * (so changing one family's draws leaves the others' alone), and describes the rows as COPY tables.
 */
import type { CopyTable } from './copy-loader.js';
import { campaignsTable, finishedTables, referralsTable } from './dataset-tables.js';
import { generateActivity } from './generate-activity.js';
import { AwardReplay, Ledger, type Achievement, type StudentAchievements } from './generate-awards.js';
import { CampaignCalendar, generateCampaigns, type Campaign } from './generate-campaigns.js';
import { generateOrganizations, organizationColumns, type Organization } from './generate-organizations.js';
import { ReferralDraw, type Referrals } from './generate-referrals.js';
import { generateBaseStudents, type Students } from './generate-students.js';
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

/**
 * Step two's generators, each on its own stream, run by run: the referrals are drawn and awarded
 * a run at a time (so their rows can be sent while the next runs are drawn), then the activity
 * follows. The runs consume every stream exactly as one pass would, whatever their length.
 */
export class DatasetGeneration {
  readonly campaigns: readonly Campaign[];
  readonly students: Students;
  readonly referrals: Referrals;
  readonly ledger: Ledger;
  readonly #draw: ReferralDraw;
  readonly #replay: AwardReplay;
  readonly #seed: number;
  readonly #activityRows: number;

  constructor(seed: number, plan: ScalePlan, draft: OrganizationsDraft, achievements: readonly Achievement[]) {
    const { pool, organizations } = draft;
    this.#seed = seed;
    this.#activityRows = plan.activityRows;
    this.campaigns = generateCampaigns(new Prng(seed, streams.campaigns), organizations);
    const calendar = new CampaignCalendar(this.campaigns, organizations.length);
    this.students = generateBaseStudents(
      new Prng(seed, streams.students),
      pool,
      organizations,
      plan.baseStudents,
      plan.referrals,
      plan.referrals,
    );
    this.#draw = new ReferralDraw(new Prng(seed, streams.referrals), pool, organizations, this.students, calendar);
    this.referrals = this.#draw.referrals;
    this.ledger = new Ledger(this.referrals.length * 3 + plan.activityRows);
    this.#replay = new AwardReplay(
      new Prng(seed, streams.awards),
      organizations,
      this.campaigns,
      achievements,
      this.students,
      this.referrals,
      this.ledger,
    );
  }

  /** Draws and awards up to `runLength` more referrals; false once every referral is final. */
  next(runLength: number): boolean {
    const total = this.referrals.length;
    const drawn = Math.min(total, this.#draw.drawn + runLength);
    this.#draw.drawUntil(drawn);
    this.#replay.applyUntil(drawn, drawn < total ? this.referrals.createdAt[drawn]! : Infinity);
    return drawn < total;
  }

  /** Referral rows [0, settled) are final (drawn, and awarded when enrolled). */
  settled(): number {
    return this.#replay.settled();
  }

  /** After the last run: the activity ledger rows; returns every table's columns. */
  finish(): DatasetColumns {
    generateActivity(new Prng(this.#seed, streams.activity), this.students, this.ledger, this.#activityRows);
    const { campaigns, students, referrals, ledger } = this;
    return { campaigns, students, referrals, ledger, granted: this.#replay.granted };
  }
}

/** Runs step two's generators to the end, in order (rankings are derived afterwards). */
export function generateColumns(
  seed: number,
  plan: ScalePlan,
  draft: OrganizationsDraft,
  achievements: readonly Achievement[],
): DatasetColumns {
  const generation = new DatasetGeneration(seed, plan, draft, achievements);
  while (generation.next(Number.MAX_SAFE_INTEGER));
  return generation.finish();
}

/** Step two: everything else, given the organizations' achievements as read back (and re-keyed). */
export function generateDataset(
  seed: number,
  plan: ScalePlan,
  draft: OrganizationsDraft,
  achievements: readonly Achievement[],
): Dataset {
  const columns = generateColumns(seed, plan, draft, achievements);
  const [students, ...others] = finishedTables(draft, achievements, columns);
  return {
    tables: [
      campaignsTable(draft, columns.campaigns),
      students!,
      referralsTable(draft, columns.campaigns, columns.students, columns.referrals),
      ...others,
    ],
  };
}
