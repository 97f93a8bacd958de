import * as z from 'zod/mini';
import { IsoDateTime } from './common.ts';
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
});
export type UpdateSchoolRequest = z.infer<typeof UpdateSchoolRequest>;
