import * as z from 'zod/mini';
import { Id } from './common.ts';

export const ROLES = [
  'teacher',
  'parent',
  'organizer',
  'schoolAdmin',
  'federationAdmin',
  'districtAdmin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  teacher: '教师',
  parent: '家长',
  organizer: '活动组织者',
  schoolAdmin: '学校管理员',
  federationAdmin: '校联体管理员',
  districtAdmin: '教体局管理员',
};

// Which kind of scope each role is granted on: a school, a federation, or the whole district.
export const ROLE_SCOPE_KIND = {
  teacher: 'school',
  parent: 'school',
  organizer: 'federation',
  schoolAdmin: 'school',
  federationAdmin: 'federation',
  districtAdmin: 'district',
} as const satisfies Record<Role, 'school' | 'federation' | 'district'>;

export const Scope = z.union([
  z.strictObject({ schoolId: Id }),
  z.strictObject({ federationId: Id }),
  z.strictObject({}),
]);
export type Scope = { schoolId: string } | { federationId: string } | Record<string, never>;

export const RoleGrant = z.object({ role: Role, scope: Scope });
export type RoleGrant = { role: Role; scope: Scope };

/** `teacher@school:S1`, `organizer@federation:F1`, `districtAdmin@district` — stable text form used in keys and tokens. */
export function scopeKey(scope: Scope): string {
  if ('schoolId' in scope) return `school:${scope.schoolId}`;
  if ('federationId' in scope) return `federation:${scope.federationId}`;
  return 'district';
}

export function scopeFromKey(key: string): Scope {
  if (key.startsWith('school:')) return { schoolId: key.slice('school:'.length) };
  if (key.startsWith('federation:')) return { federationId: key.slice('federation:'.length) };
  return {};
}

export function scopeMatchesRole(role: Role, scope: Scope): boolean {
  const kind = ROLE_SCOPE_KIND[role];
  if (kind === 'school') return 'schoolId' in scope;
  if (kind === 'federation') return 'federationId' in scope;
  return !('schoolId' in scope) && !('federationId' in scope);
}

export function hasRole(grants: readonly RoleGrant[], roles: readonly Role[]): boolean {
  return grants.some((g) => roles.includes(g.role));
}
