import type { FederationWithSchools, School, Session, User } from '@lianyan/shared';

/** Federations the user organizes in: their organizer/admin scopes, and those of the sessions they can see (school and district admins). */
export function federationIdsOf(user: User, sessions: readonly Session[]): string[] {
  const ids = new Set<string>();
  for (const grant of user.roles) {
    if ((grant.role === 'organizer' || grant.role === 'federationAdmin') && 'federationId' in grant.scope) ids.add(grant.scope.federationId);
  }
  for (const session of sessions) ids.add(session.federationId);
  return [...ids];
}

/** Schools the user may host a session at: every school for federation-wide roles, a school admin's own school otherwise. */
export function hostSchoolsFor(user: User, federation: FederationWithSchools): School[] {
  const federationWide = user.roles.some(
    (grant) =>
      grant.role === 'districtAdmin' ||
      ((grant.role === 'organizer' || grant.role === 'federationAdmin') &&
        'federationId' in grant.scope &&
        grant.scope.federationId === federation.federation.id),
  );
  if (federationWide) return federation.schools;
  const own = new Set(user.roles.flatMap((grant) => (grant.role === 'schoolAdmin' && 'schoolId' in grant.scope ? [grant.scope.schoolId] : [])));
  return federation.schools.filter((school) => own.has(school.id));
}

/**
 * Schools a session form offers as host: those above, or — for a 中心教研组's leader, a teacher who organises only their
 * group's sessions — the schools they teach at in the federation.
 */
export function sessionHostSchools(user: User, federation: FederationWithSchools): School[] {
  const hosts = hostSchoolsFor(user, federation);
  if (hosts.length) return hosts;
  const taught = new Set(user.roles.flatMap((grant) => (grant.role === 'teacher' && 'schoolId' in grant.scope ? [grant.scope.schoolId] : [])));
  return federation.schools.filter((school) => taught.has(school.id));
}

/** Core school first, then by name, as people expect to find them. */
export function sortSchools(schools: readonly School[]): School[] {
  return [...schools].sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, 'zh-CN'));
}
