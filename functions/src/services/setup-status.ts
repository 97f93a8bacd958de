import { schoolYearOf, scopeKey, type SetupFederationStatus, type SetupStatus } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { forbidden } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import type { SetupStatusRepository } from '#repositories/setup-status';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy } from './access.ts';

/** 建设情况: counts of what each federation has set up, for the district admin's home; what is missing is the page's to say. */
export function makeSetupStatusService(deps: {
  federations: FederationRepository;
  users: UserRepository;
  setup: SetupStatusRepository;
  access: AccessPolicy;
  clock: Clock;
}) {
  const { federations, users, setup, access, clock } = deps;

  async function school(id: string, now: string, classes: Map<string, number>) {
    const scope = scopeKey({ schoolId: id });
    const [admins, teacherIds, adminInvites] = await Promise.all([
      users.listAllMembersOfScope(scope, 'schoolAdmin'),
      users.listAllMembersOfScope(scope, 'teacher'),
      setup.openAdminInvites(id, now),
    ]);
    const profiles = await users.getProfiles(teacherIds);
    const invited = [...profiles.values()].filter((p) => (p as { status?: string }).status === 'invited').length;
    return { admins: admins.length, adminInvites, teachers: { invited, active: teacherIds.length - invited }, classes: classes.get(id) ?? 0 };
  }

  return {
    async status(actor: AuthContext): Promise<SetupStatus> {
      if (!access.holds(actor, 'districtAdmin', {})) throw forbidden('只有教体局管理员可以查看全区建设情况');
      const now = clock.now();
      const schoolYear = schoolYearOf(now);
      const [list, classes] = await Promise.all([federations.listFederations(), setup.classCountsOfYear(schoolYear)]);
      const items = await Promise.all(
        list.map(async (federation): Promise<SetupFederationStatus> => {
          const [schools, groups] = await Promise.all([federations.listSchoolsOfFederation(federation.id), setup.countGroups(federation.id)]);
          const counted = await Promise.all(
            schools.map(async (s) => ({ id: s.id, name: s.name, isCore: s.isCore, ...(await school(s.id, now.toISOString(), classes)) })),
          );
          return {
            federation: { id: federation.id, name: federation.name, kind: federation.kind },
            ...(federation.coreSchoolId ? { coreSchoolId: federation.coreSchoolId } : {}),
            schools: counted.sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, 'zh-CN')),
            groups,
          };
        }),
      );
      return { schoolYear, federations: items.sort((a, b) => a.federation.name.localeCompare(b.federation.name, 'zh-CN')) };
    },
  };
}
export type SetupStatusService = ReturnType<typeof makeSetupStatusService>;
