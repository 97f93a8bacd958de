import * as z from 'zod/mini';
import { Id } from './common.ts';
import { decimal, integer } from './fields.ts';

export const FEDERATION_KINDS = ['alliance', 'assistance', 'group', 'cluster'] as const;
export const FederationKind = z.enum(FEDERATION_KINDS);
export const FEDERATION_KIND_LABELS: Record<(typeof FEDERATION_KINDS)[number], string> = {
  alliance: '联盟式',
  assistance: '帮扶式',
  group: '教育集团',
  cluster: '片区联盟',
};

export const STAGES = ['kindergarten', 'primary', 'junior', 'senior'] as const;
export const SchoolStage = z.enum(STAGES);
export const STAGE_LABELS: Record<(typeof STAGES)[number], string> = {
  kindergarten: '幼儿园',
  primary: '小学',
  junior: '初中',
  senior: '高中',
};

/** Where a school is: the default venue of its sessions' geofence. */
export const SchoolLocation = z.strictObject({
  lat: decimal('纬度', -90, 90),
  lng: decimal('经度', -180, 180),
});
export type SchoolLocation = z.infer<typeof SchoolLocation>;

export const PendingSchoolMove = z.object({
  federationId: Id,
  /** The school year (`2027-2028`) the move takes effect from. */
  fromSchoolYear: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
});
export type PendingSchoolMove = z.infer<typeof PendingSchoolMove>;

export const School = z.object({
  id: Id,
  name: z.string(),
  federationId: Id,
  stage: SchoolStage,
  rural: z.boolean(),
  isCore: z.boolean(),
  address: z.optional(z.string()),
  location: z.optional(SchoolLocation),
  /** The school year (`2026-2027`) from which the school is in this federation, when it moved in; absent: always. */
  memberSince: z.optional(z.string()),
  /**
   * A move to another federation asked for the next school year: nothing changes until the school-year rollover reaches
   * `fromSchoolYear` and applies it (placement, admins' access, audiences, reports); cancel with DELETE …/pending-move.
   */
  pendingMove: z.optional(PendingSchoolMove),
});
export type School = z.infer<typeof School>;

export const Federation = z.object({
  id: Id,
  name: z.string(),
  kind: FederationKind,
  /** Absent only while a new federation has no school yet. */
  coreSchoolId: z.optional(Id),
  district: z.string(),
});
export type Federation = z.infer<typeof Federation>;

// Defaults from real federation plans; each federation may override them.
export const FederationRules = z.object({
  onlineJointResearchPerSemester: z.int(),
  offlineJointResearchPerSemester: z.int(),
  mentorPairsPerSemester: z.int(),
  /** 交流轮岗 (issue 16): cadres (挂职) and backbone teachers (支教 / 走教) sent to member schools each semester. */
  exchangeCadresPerSemester: z.int(),
  exchangeBackbonePerSemester: z.int(),
  trainingHoursPerYear: z.number(),
  trainingHoursPerCycle: z.number(),
  /** First school year of a five-year continuing-education cycle (2026 → 2026–2030, 十五五). */
  trainingCycleStartYear: z.int(),
  lessonsObservedPerSemester: z.record(z.string(), z.int()),
  parentSchoolActivitiesPerSemester: z.int(),
  coreSchoolWeight: z.number(),
});
export type FederationRules = z.infer<typeof FederationRules>;

export const DEFAULT_RULES: FederationRules = {
  onlineJointResearchPerSemester: 8,
  offlineJointResearchPerSemester: 4,
  mentorPairsPerSemester: 2,
  exchangeCadresPerSemester: 2,
  exchangeBackbonePerSemester: 3,
  trainingHoursPerYear: 24,
  trainingHoursPerCycle: 360,
  trainingCycleStartYear: 2026,
  lessonsObservedPerSemester: { principal: 30, vice_principal: 40, dean: 40 },
  parentSchoolActivitiesPerSemester: 1,
  coreSchoolWeight: 0.8,
};

export const FederationWithSchools = z.object({
  federation: Federation,
  schools: z.array(School),
  rules: FederationRules,
});
export type FederationWithSchools = z.infer<typeof FederationWithSchools>;

export const FederationList = z.object({ items: z.array(FederationWithSchools) });
export type FederationList = z.infer<typeof FederationList>;

/** A federation admin's change to the rules: any subset, each within sane bounds. */
export const UpdateRulesRequest = z.strictObject({
  onlineJointResearchPerSemester: z.optional(integer('每学期线上联合教研次数', 0, 100)),
  offlineJointResearchPerSemester: z.optional(integer('每学期线下联合教研次数', 0, 100)),
  mentorPairsPerSemester: z.optional(integer('每学期师徒结对数', 0, 100)),
  exchangeCadresPerSemester: z.optional(integer('每学期校干挂职交流人数', 0, 100)),
  exchangeBackbonePerSemester: z.optional(integer('每学期骨干教师支教走教人数', 0, 100)),
  trainingHoursPerYear: z.optional(decimal('每年培训学时', 0, 500, { places: 1 })),
  trainingHoursPerCycle: z.optional(decimal('五年周期培训学时', 0, 2500, { places: 1 })),
  trainingCycleStartYear: z.optional(integer('培训周期起始年份', 2000, 2100)),
  lessonsObservedPerSemester: z.optional(z.partialRecord(z.enum(['principal', 'vice_principal', 'dean', 'teacher']), integer('每学期听课节数', 0, 200))),
  parentSchoolActivitiesPerSemester: z.optional(integer('每学期家长学校活动次数', 0, 50)),
  coreSchoolWeight: z.optional(decimal('核心校权重', 0, 1, { places: 2 })),
});
export type UpdateRulesRequest = z.infer<typeof UpdateRulesRequest>;
