import * as z from 'zod/mini';
import { Id } from './common.ts';
import { FederationKind } from './federations.ts';

// 建设情况: what a district has set up, per federation, for the district admin's home (GET /v1/setup-status).

export const SetupSchoolStatus = z.object({
  id: Id,
  name: z.string(),
  isCore: z.boolean(),
  /** School admins who hold the role. */
  admins: z.int(),
  /** Open (unexpired, unused) invites to be this school's admin. */
  adminInvites: z.int(),
  /** 教师名册: `invited` not yet logged in, `active` logged in. */
  teachers: z.object({ invited: z.int(), active: z.int() }),
  /** Classes listed for the current school year (班级管理). */
  classes: z.int(),
});
export type SetupSchoolStatus = z.infer<typeof SetupSchoolStatus>;

export const SetupFederationStatus = z.object({
  federation: z.object({ id: Id, name: z.string(), kind: FederationKind }),
  coreSchoolId: z.optional(Id),
  schools: z.array(SetupSchoolStatus),
  /** 中心教研组 of the federation. */
  groups: z.int(),
});
export type SetupFederationStatus = z.infer<typeof SetupFederationStatus>;

export const SetupStatus = z.object({
  /** The school year the classes are counted for, `2026-2027`. */
  schoolYear: z.string(),
  federations: z.array(SetupFederationStatus),
});
export type SetupStatus = z.infer<typeof SetupStatus>;
