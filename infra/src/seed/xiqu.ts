import { DEFAULT_RULES, type RoleGrant, type Session } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { makeAudienceResolver } from '@lianyan/functions/services/audience';

/**
 * A second, smaller demo federation (西区): its own admin, schools, teachers and a session, so that "a federation
 * admin of one federation is refused on the other's" is real in the tests and the authorization matrix. Nothing
 * here touches 城东 (`fed-chengdong`) or its figures.
 */
export const SECOND_FEDERATION_ID = 'fed-xiqu';

export const SECOND_SCHOOLS = [
  { key: 'xiqu-core', id: 'sch-xiqu-core', name: '明湖区西区实验学校', isCore: true, rural: false },
  { key: 'xiqu-hexi', id: 'sch-xiqu-hexi', name: '河西小学', isCore: false, rural: false },
  { key: 'xiqu-shanbei', id: 'sch-xiqu-shanbei', name: '山北乡小学', isCore: false, rural: true },
] as const;

/** Its dev-login accounts (added after 城东's, so every 城东 account keeps its name). */
export const SECOND_ACCOUNTS: ReadonlyArray<{ account: string; roles: RoleGrant[]; subject?: string }> = [
  { account: 'xiqu-fed-admin', roles: [{ role: 'federationAdmin', scope: { federationId: SECOND_FEDERATION_ID } }] },
  { account: 'xiqu-core-admin', roles: [{ role: 'schoolAdmin', scope: { schoolId: 'sch-xiqu-core' } }] },
  { account: 'xiqu-teacher-1', roles: [{ role: 'teacher', scope: { schoolId: 'sch-xiqu-core' } }], subject: '语文' },
  { account: 'xiqu-teacher-2', roles: [{ role: 'teacher', scope: { schoolId: 'sch-xiqu-hexi' } }], subject: '数学' },
];

export const SECOND_SESSION_ID = 'ses-xiqu-joint';

const DAY = 86_400_000;

/** 西区's session: a joint research session next week, organised by its federation admin for the whole federation. */
export function secondFederationSession(now: Date): Session {
  const start = new Date(Math.floor((now.getTime() + 6 * DAY) / 60_000) * 60_000);
  return {
    id: SECOND_SESSION_ID,
    federationId: SECOND_FEDERATION_ID,
    hostSchoolId: 'sch-xiqu-core',
    organizerId: 'u-xiqu-fed-admin',
    kind: 'joint_research',
    mode: 'offline',
    title: '西区联合教研：课堂评价的设计',
    venue: { name: '明湖区西区实验学校 报告厅', lat: 30.2601, lng: 120.1102, radiusM: 300 },
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
    signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
    signOutRequired: true,
    creditHours: 2,
    audience: { type: 'federation' },
    audienceSchoolIds: SECOND_SCHOOLS.map((s) => s.id),
    registrationRequired: false,
    status: 'published',
    createdAt: new Date(now.getTime() - 2 * DAY).toISOString(),
    rotateSeconds: 10,
    geofence: 'flag',
    creditRule: { mode: 'proportional', lateGraceMin: 10, earlyLeaveGraceMin: 10 },
  };
}

/** The federation, its rules, schools and session (the accounts are written with 城东's, from `demoAccounts`). */
export async function seedSecondFederation(ctx: TableContext, now: Date): Promise<void> {
  const federations = makeFederationRepository(ctx);
  await federations.putFederation({ id: SECOND_FEDERATION_ID, name: '明湖区西区教育集团', kind: 'group', coreSchoolId: 'sch-xiqu-core', district: '明湖区' });
  await federations.putRules(SECOND_FEDERATION_ID, DEFAULT_RULES);
  for (const s of SECOND_SCHOOLS) {
    await federations.putSchool({ id: s.id, name: s.name, federationId: SECOND_FEDERATION_ID, stage: 'primary', rural: s.rural, isCore: s.isCore });
  }
  const session = secondFederationSession(now);
  const audience = makeAudienceResolver({ federations, users: makeUserRepository(ctx) });
  await makeSessionRepository(ctx).putSession({ ...session, expectedCount: (await audience.listMembers(session)).length });
}
