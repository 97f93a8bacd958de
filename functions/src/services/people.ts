import {
  DEFAULT_ERROR_MESSAGES,
  maskPhone,
  scopeKey,
  type CreatePersonRequest,
  type ListPeopleQuery,
  type PeoplePage,
  type Person,
  type RoleGrant,
  type UpdatePersonRequest,
} from '@lianyan/shared';
import { badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { Clock } from '#lib/clock';
import { decodeCursor, encodeCursor } from '#lib/dynamo';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import type { PeopleRepository, RosterProfile } from '#repositories/people';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy } from './access.ts';

const SCHOOL_ROLES = ['teacher', 'schoolAdmin'] as const;

/** An offset into a school's roster as filtered by `q`, signed like every cursor and good for that list and search only. */
async function offsetCursor(key: Uint8Array, schoolId: string, q: string) {
  const scope = `people|${schoolId}|${q}`;
  return {
    encode: (offset: number) => encodeCursor({ o: offset }, key, scope) as string,
    decode: (cursor: string | undefined) => {
      const start = decodeCursor(cursor, key, scope);
      const offset = start?.o ?? 0;
      if (!Number.isSafeInteger(offset) || (offset as number) < 0) {
        throw badRequest('INVALID_CURSOR', undefined, { fieldErrors: { cursor: [DEFAULT_ERROR_MESSAGES.INVALID_CURSOR] } });
      }
      return offset as number;
    },
  };
}

function toPerson(profile: RosterProfile, schoolIds: string[], admin: boolean): Person {
  const subjects = profile.subjects ?? ((profile as { subject?: string }).subject ? [(profile as { subject?: string }).subject as string] : []);
  return {
    id: profile.id,
    name: profile.name,
    ...(profile.phone ? { phoneMasked: maskPhone(profile.phone) } : {}),
    ...(profile.position ? { position: profile.position } : {}),
    subjects,
    grades: profile.grades ?? [],
    titles: profile.titles ?? [],
    status: profile.status ?? 'active',
    schoolIds,
    admin,
  };
}

const matches = (profile: RosterProfile, q: string) => !q || profile.name.includes(q) || (/^\d{4,11}$/.test(q) && Boolean(profile.phone?.endsWith(q)));

/** 教师名册: a school's teachers, added by hand (and by import), kept by its school, federation and district admins. */
export function makePeopleService(deps: {
  people: PeopleRepository;
  users: UserRepository;
  federations: FederationRepository;
  access: AccessPolicy;
  clock: Clock;
  newId: () => string;
  /** The key pagination cursors are signed with. */
  cursorKey: () => Promise<Uint8Array>;
}) {
  const { people, users, access, clock } = deps;

  async function assertAdministers(actor: AuthContext, schoolId: string) {
    if (!(await deps.federations.getSchool(schoolId))) throw notFound('学校不存在');
    if (!(await access.administers(actor, { schoolId }))) throw forbidden('你只能管理自己学校的教师名册');
  }

  /** The person with the schools they teach at; refused unless the actor administers one of them. */
  async function loadManaged(actor: AuthContext, personId: string) {
    const [profile, user] = await Promise.all([people.getRosterProfile(personId), users.getUserWithRoles(personId)]);
    if (!profile || !user) throw notFound('教师不存在');
    const schoolIds = [...new Set(user.roles.flatMap((g) => (SCHOOL_ROLES.includes(g.role as never) && 'schoolId' in g.scope ? [g.scope.schoolId] : [])))];
    const managed = await Promise.all(schoolIds.map((schoolId) => access.administers(actor, { schoolId })));
    if (!managed.some(Boolean)) throw notFound('教师不存在');
    return { profile, roles: user.roles, schoolIds };
  }

  const personOf = (profile: RosterProfile, roles: RoleGrant[], schoolIds: string[]) =>
    toPerson(profile, schoolIds, roles.some((g) => g.role === 'schoolAdmin'));

  return {
    async list(actor: AuthContext, schoolId: string, query: ListPeopleQuery): Promise<PeoplePage> {
      await assertAdministers(actor, schoolId);
      const q = query.q ?? '';
      const scope = scopeKey({ schoolId });
      const [teacherIds, adminIds, leftIds] = await Promise.all([
        users.listAllMembersOfScope(scope, 'teacher'),
        users.listAllMembersOfScope(scope, 'schoolAdmin'),
        people.listLeftIdsOfSchool(schoolId),
      ]);
      const teaching = new Set(teacherIds);
      const profiles = await users.getProfiles([...teacherIds, ...leftIds.filter((id) => !teaching.has(id))]);
      const admins = new Set(adminIds);
      const byName = (a: RosterProfile, b: RosterProfile) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id);
      // An erased account (注销) stays counted in the figures but is no one on the roster.
      const found = [...profiles.values()]
        .map((p) => p as unknown as RosterProfile)
        .filter((p) => (p.status as string | undefined) !== 'deleted' && matches(p, q));
      // Those who teach here, by name; then those who left (已离校), by name.
      const roster = [
        ...found.filter((p) => teaching.has(p.id)).sort(byName),
        ...found.filter((p) => !teaching.has(p.id)).map((p) => ({ ...p, status: 'left' as const })).sort(byName),
      ];
      const cursor = await offsetCursor(await deps.cursorKey(), schoolId, q);
      const offset = cursor.decode(query.cursor);
      const size = query.limit ?? 50;
      const page = roster.slice(offset, offset + size);
      return {
        items: page.map((p) => toPerson(p, teaching.has(p.id) ? [schoolId] : [], admins.has(p.id))),
        ...(offset + size < roster.length ? { cursor: cursor.encode(offset + size) } : {}),
      };
    },

    /** A teacher of this school: new (invited until they log in), or a person of another school by the same phone. */
    async create(actor: AuthContext, schoolId: string, request: CreatePersonRequest): Promise<{ person: Person; created: boolean }> {
      await assertAdministers(actor, schoolId);
      const grant: RoleGrant = { role: 'teacher', scope: { schoolId } };
      const now = clock.now().toISOString();
      const existing = await people.findUserIdByPhone(request.phone);
      if (!existing) {
        const profile = { id: deps.newId(), createdAt: now, status: 'invited' as const, ...request };
        const outcome = await people.createInvited(profile, [grant], 'roster');
        if (outcome === 'created') return { person: toPerson(profile, [schoolId], false), created: true };
        if (outcome === 'conflict') throw conflict('CONFLICT', '这个手机号正在被同时添加，请刷新后重试');
      }
      const userId = existing ?? (await people.findUserIdByPhone(request.phone));
      const user = userId ? await users.getUserWithRoles(userId) : undefined;
      const profile = userId ? await people.getRosterProfile(userId) : undefined;
      if (!user || !profile) throw conflict('CONFLICT', '手机号刚被占用，请刷新后重试');
      if (user.roles.some((g) => g.role === 'teacher' && 'schoolId' in g.scope && g.scope.schoolId === schoolId)) {
        throw conflict('PERSON_EXISTS', `手机号 ${maskPhone(request.phone)} 已是本校教师「${profile.name}」，请在名册中修改`, { personId: user.id });
      }
      await people.grant(user.id, [grant], now, 'roster');
      if (profile.status === 'left') profile.status = await people.rejoin(user.id);
      const schoolIds = [...new Set([...user.roles.flatMap((g) => (g.role === 'teacher' && 'schoolId' in g.scope ? [g.scope.schoolId] : [])), schoolId])];
      return { person: personOf(profile, user.roles, schoolIds), created: false };
    },

    async update(actor: AuthContext, personId: string, change: UpdatePersonRequest): Promise<Person> {
      const { profile, roles, schoolIds } = await loadManaged(actor, personId);
      const outcome = await people.update(personId, change, profile.phone);
      if (outcome === 'missing') throw notFound('教师不存在');
      if (outcome === 'phone_taken') throw conflict('PHONE_TAKEN', '这个手机号已属于另一位教师，请核对', { fieldErrors: { phone: ['手机号已被使用'] } });
      if (outcome === 'conflict') throw conflict('CONFLICT', '这位教师的信息刚被修改，请刷新后重试');
      return personOf({ ...profile, ...change }, roles, schoolIds);
    },

    /** Leaves one school: the roles there go, archive and attendance stay; `left` once no school remains. */
    async leave(actor: AuthContext, personId: string, schoolId: string): Promise<Person> {
      const { profile, roles, schoolIds } = await loadManaged(actor, personId);
      if (!schoolIds.includes(schoolId)) throw badRequest('VALIDATION_FAILED', '该教师不在这所学校', { fieldErrors: { schoolId: ['不在这所学校'] } });
      if (!(await access.administers(actor, { schoolId }))) throw forbidden('你只能办理自己学校教师的离校');
      if (actor.userId === personId) throw forbidden('不能为自己办理离校，请联系其他管理员');
      const leaving = roles.filter((g) => 'schoolId' in g.scope && g.scope.schoolId === schoolId && g.role !== 'parent');
      const remaining = schoolIds.filter((id) => id !== schoolId);
      await people.leave(personId, schoolId, leaving, remaining.length === 0, clock.now().toISOString());
      const left = roles.filter((g) => !leaving.includes(g));
      return personOf({ ...profile, ...(remaining.length ? {} : { status: 'left' as const }) }, left, remaining);
    },
  };
}
export type PeopleService = ReturnType<typeof makePeopleService>;
