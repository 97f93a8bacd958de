import { ROLE_LABELS, ROLES, type RoleGrant, type Scope } from '@lianyan/shared';

export function scopeLabel(scope: Scope): string {
  if ('schoolId' in scope) return `学校 ${scope.schoolId}`;
  if ('federationId' in scope) return `校联体 ${scope.federationId}`;
  return '全区';
}

/** Role names in a stable order, each once, for greetings and account lists. */
export function roleLabels(roles: readonly RoleGrant[]): string[] {
  return ROLES.filter((role) => roles.some((grant) => grant.role === role)).map((role) => ROLE_LABELS[role]);
}

export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
