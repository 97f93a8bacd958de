import * as z from 'zod/mini';
import {
  CreateInviteRequest,
  ROLE_SCOPE_KIND,
  ROLES,
  scopeKey,
  type FederationWithSchools,
  type Invite,
  type Role,
  type School,
  type Scope,
  type User,
} from '@lianyan/shared';

export type ScopeKind = 'school' | 'federation' | 'district';

export interface ScopeOption {
  key: string;
  scope: Scope;
  kind: ScopeKind;
  label: string;
}

const coreFirst = (schools: readonly School[]) =>
  [...schools].sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, 'zh-CN'));

/** The scopes an admin may grant roles on: their own school, their federation and its schools, or the district and everything in it. */
export function scopeOptions(user: User, federations: readonly FederationWithSchools[]): ScopeOption[] {
  const schoolNames = new Map(federations.flatMap((f) => f.schools.map((s) => [s.id, s.name] as const)));
  const options = new Map<string, ScopeOption>();
  const addSchool = (id: string) => {
    const scope = { schoolId: id };
    options.set(scopeKey(scope), { key: scopeKey(scope), scope, kind: 'school', label: schoolNames.get(id) ?? `学校 ${id}` });
  };
  const addFederation = (id: string) => {
    const scope = { federationId: id };
    const loaded = federations.find((f) => f.federation.id === id);
    options.set(scopeKey(scope), { key: scopeKey(scope), scope, kind: 'federation', label: loaded?.federation.name ?? `校联体 ${id}` });
    coreFirst(loaded?.schools ?? []).forEach((school) => addSchool(school.id));
  };

  for (const grant of user.roles) {
    if (grant.role === 'schoolAdmin' && 'schoolId' in grant.scope) addSchool(grant.scope.schoolId);
  }
  for (const grant of user.roles) {
    if (grant.role === 'federationAdmin' && 'federationId' in grant.scope) addFederation(grant.scope.federationId);
  }
  if (user.roles.some((grant) => grant.role === 'districtAdmin')) {
    federations.forEach((f) => addFederation(f.federation.id));
    options.set('district', { key: 'district', scope: {}, kind: 'district', label: '全区' });
  }
  return [...options.values()];
}

/** Roles that can be granted on a kind of scope, in the usual order. */
export function rolesFor(kind: ScopeKind): Role[] {
  return ROLES.filter((role) => ROLE_SCOPE_KIND[role] === kind);
}

export interface InviteForm {
  role: Role;
  maxUses: string;
  expiresInDays: string;
  note: string;
}

export type InviteErrors = Partial<Record<'role' | 'scope' | 'maxUses' | 'expiresInDays' | 'note', string>>;
export type InviteCheck = { ok: true; value: CreateInviteRequest } | { ok: false; errors: InviteErrors };

const toInt = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The shared schema decides; blank or non-whole numbers get a plain message first. */
export function checkInvite(form: InviteForm, scope: Scope): InviteCheck {
  const note = form.note.trim();
  const parsed = CreateInviteRequest.safeParse({
    role: form.role,
    scope,
    maxUses: toInt(form.maxUses),
    expiresInDays: toInt(form.expiresInDays),
    ...(note ? { note } : {}),
  });
  const errors: InviteErrors = {};
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors as Partial<Record<keyof InviteErrors, string[]>>;
    for (const key of ['role', 'scope', 'maxUses', 'expiresInDays', 'note'] as const) {
      if (fields[key]?.[0]) errors[key] = fields[key][0];
    }
  }
  if (Number.isNaN(toInt(form.maxUses))) errors.maxUses = '请填写可使用次数（整数）';
  if (Number.isNaN(toInt(form.expiresInDays))) errors.expiresInDays = '请填写有效天数（整数）';
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

export type InviteState = 'active' | 'used_up' | 'expired';

export function inviteState(invite: Pick<Invite, 'uses' | 'maxUses' | 'expiresAt'>, now: Date): InviteState {
  if (invite.uses >= invite.maxUses) return 'used_up';
  if (Date.parse(invite.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

export const newestFirst = (invites: readonly Invite[]) => [...invites].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
