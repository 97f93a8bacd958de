import * as z from 'zod/mini';
import { IsoDateTime, Id } from './common.ts';
import { SchoolYear } from './archive.ts';
import { FederationKind, SchoolLocation, SchoolStage } from './federations.ts';
import { line } from './fields.ts';

// A district sets itself up: the district, its federations and their schools.

const OrgName = (what: string, max: number) => line(what, max, 2);

export const District = z.object({ name: z.string(), createdAt: IsoDateTime });
export type District = z.infer<typeof District>;

export const DistrictName = OrgName('教体局名称', 40);

export const CreateFederationRequest = z.strictObject({ name: OrgName('校联体名称', 40), kind: FederationKind });
export type CreateFederationRequest = z.infer<typeof CreateFederationRequest>;

export const UpdateFederationRequest = z.strictObject({
  name: z.optional(OrgName('校联体名称', 40)),
  kind: z.optional(FederationKind),
});
export type UpdateFederationRequest = z.infer<typeof UpdateFederationRequest>;

const Address = line('地址', 100, 1);

export const CreateSchoolRequest = z.strictObject({
  name: OrgName('学校名称', 40),
  stage: SchoolStage,
  rural: z._default(z.boolean(), false),
  /** The school becomes the federation's one core school (the previous core school becomes a member). */
  isCore: z._default(z.boolean(), false),
  address: z.optional(Address),
  location: z.optional(SchoolLocation),
});
export type CreateSchoolRequest = z.infer<typeof CreateSchoolRequest>;

export const UpdateSchoolRequest = z.strictObject({
  name: z.optional(OrgName('学校名称', 40)),
  stage: z.optional(SchoolStage),
  rural: z.optional(z.boolean()),
  /** Only `true`: a federation always has a core school; name another one to move it. */
  isCore: z.optional(z.literal(true, '核心校只能改为另一所学校，请在那所学校设为核心校')),
  address: z.optional(z.nullable(Address)),
  location: z.optional(z.nullable(SchoolLocation)),
  /**
   * Moves the school to another federation from a school year (the current or the next; district admins only, sent
   * with `fromSchoolYear` and nothing else): past sessions, attendance and reports stay where they were.
   */
  federationId: z.optional(Id),
  fromSchoolYear: z.optional(SchoolYear),
}).check(
  z.refine((r) => (r.federationId === undefined) === (r.fromSchoolYear === undefined), {
    message: '调整所属校联体时，校联体和生效学年要一起填写',
    path: ['fromSchoolYear'],
  }),
  z.refine((r) => r.federationId === undefined || Object.keys(r).every((k) => k === 'federationId' || k === 'fromSchoolYear'), {
    message: '调整所属校联体时请不要同时修改学校的其他信息，分两次保存',
    path: ['federationId'],
  }),
);
export type UpdateSchoolRequest = z.infer<typeof UpdateSchoolRequest>;
