import * as z from 'zod/mini';
import { Id, sensibleDecimal } from './common.ts';

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
  lat: z.number().check(z.gte(-90, '纬度应在 -90 到 90 之间'), z.lte(90, '纬度应在 -90 到 90 之间'), sensibleDecimal()),
  lng: z.number().check(z.gte(-180, '经度应在 -180 到 180 之间'), z.lte(180, '经度应在 -180 到 180 之间'), sensibleDecimal()),
});
export type SchoolLocation = z.infer<typeof SchoolLocation>;

export const School = z.object({
  id: Id,
  name: z.string(),
  federationId: Id,
  stage: SchoolStage,
  rural: z.boolean(),
  isCore: z.boolean(),
  address: z.optional(z.string()),
  location: z.optional(SchoolLocation),
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
const count = (max: number) => z.int().check(z.gte(0, '不能为负数'), z.lte(max, `最多 ${max}`));
export const UpdateRulesRequest = z.strictObject({
  onlineJointResearchPerSemester: z.optional(count(100)),
  offlineJointResearchPerSemester: z.optional(count(100)),
  mentorPairsPerSemester: z.optional(count(100)),
  trainingHoursPerYear: z.optional(z.number().check(z.gte(0, '不能为负数'), z.lte(500, '最多 500 学时'), sensibleDecimal())),
  trainingHoursPerCycle: z.optional(z.number().check(z.gte(0, '不能为负数'), z.lte(2500, '最多 2500 学时'), sensibleDecimal())),
  trainingCycleStartYear: z.optional(z.int().check(z.gte(2000, '年份不正确'), z.lte(2100, '年份不正确'))),
  lessonsObservedPerSemester: z.optional(z.record(z.enum(['principal', 'vice_principal', 'dean', 'teacher']), count(200))),
  parentSchoolActivitiesPerSemester: z.optional(count(50)),
  coreSchoolWeight: z.optional(z.number().check(z.gte(0, '权重在 0 到 1 之间'), z.lte(1, '权重在 0 到 1 之间'), sensibleDecimal())),
});
export type UpdateRulesRequest = z.infer<typeof UpdateRulesRequest>;
