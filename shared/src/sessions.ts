import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common.ts';

export const SESSION_KINDS = [
  'joint_research',
  'lesson_observation',
  'demo_lesson',
  'outreach',
  'collective_prep',
  'expert_lecture',
  'training',
  'quality_analysis',
  'family_education',
  'parent_school',
] as const;
export const SessionKind = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKind>;
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  joint_research: '联合教研',
  lesson_observation: '听评课',
  demo_lesson: '示范课',
  outreach: '送教下乡',
  collective_prep: '集体备课',
  expert_lecture: '专家讲座',
  training: '培训',
  quality_analysis: '质量分析会',
  family_education: '家庭教育讲座',
  parent_school: '家长学校活动',
};

export const SessionMode = z.enum(['online', 'offline']);
export const SessionStatus = z.enum(['draft', 'published', 'cancelled', 'closed']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const Venue = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  lng: z.optional(z.number().check(z.gte(-180), z.lte(180))),
  radiusM: z.optional(z.int().check(z.gte(20), z.lte(5000))),
});

export const SignInWindow = z.object({
  opensBeforeMin: z.int().check(z.gte(0), z.lte(240)),
  lateAfterMin: z.int().check(z.gte(0), z.lte(240)),
  closesAfterEndMin: z.int().check(z.gte(0), z.lte(240)),
});

export const Audience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('federation') }),
  z.object({ type: z.literal('schools'), schoolIds: z.array(Id).check(z.minLength(1)) }),
  z.object({ type: z.literal('group'), subject: z.string(), grade: z.string() }),
  z.object({ type: z.literal('parents'), schoolIds: z.array(Id).check(z.minLength(1)), grades: z.optional(z.array(z.string())) }),
]);
export type Audience = z.infer<typeof Audience>;

export const Session = z.object({
  id: Id,
  federationId: Id,
  hostSchoolId: Id,
  organizerId: Id,
  kind: SessionKind,
  mode: SessionMode,
  title: z.string(),
  subject: z.optional(z.string()),
  grade: z.optional(z.string()),
  venue: z.optional(Venue),
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  signIn: SignInWindow,
  signOutRequired: z.boolean(),
  creditHours: z.number(),
  audience: Audience,
  capacity: z.optional(z.int()),
  registrationRequired: z.boolean(),
  status: SessionStatus,
  createdAt: IsoDateTime,
});
export type Session = z.infer<typeof Session>;
