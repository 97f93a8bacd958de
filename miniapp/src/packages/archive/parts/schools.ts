import type { FederationWithSchools, User } from '@lianyan/shared';

/** The schools a user administers (school admin roles), named where the federation list knows them. */
export function adminSchools(user: User, federations: readonly FederationWithSchools[]): Array<{ id: string; name: string }> {
  const names = new Map(federations.flatMap((f) => f.schools.map((s) => [s.id, s.name] as const)));
  const ids = new Set(user.roles.flatMap((grant) => (grant.role === 'schoolAdmin' && 'schoolId' in grant.scope ? [grant.scope.schoolId] : [])));
  return [...ids].map((id) => ({ id, name: names.get(id) ?? `学校 ${id}` }));
}
