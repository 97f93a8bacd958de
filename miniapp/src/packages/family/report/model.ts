import { schoolYearLabel, semesterOf, type FederationWithSchools, type User } from '@lianyan/shared';

export interface SchoolChoice {
  id: string;
  name: string;
}

/** The schools whose parent school an admin may look at: their own, or every school of the federations they administer. */
export function reportSchools(user: User, federations: readonly FederationWithSchools[]): SchoolChoice[] {
  const names = new Map(federations.flatMap((f) => f.schools.map((s) => [s.id, s.name] as const)));
  const result = new Map<string, SchoolChoice>();
  for (const grant of user.roles) {
    if (grant.role === 'schoolAdmin' && 'schoolId' in grant.scope) {
      result.set(grant.scope.schoolId, { id: grant.scope.schoolId, name: names.get(grant.scope.schoolId) ?? `学校 ${grant.scope.schoolId}` });
    }
  }
  const district = user.roles.some((g) => g.role === 'districtAdmin');
  for (const f of federations) {
    if (!district && !user.roles.some((g) => g.role === 'federationAdmin' && 'federationId' in g.scope && g.scope.federationId === f.federation.id)) continue;
    for (const s of [...f.schools].sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, 'zh-CN'))) {
      result.set(s.id, { id: s.id, name: s.name });
    }
  }
  return [...result.values()];
}

/** This semester and the two before it, newest first: `{ value: '2026-2027-1', label: '2026—2027 学年第一学期' }`. */
export function semesterChoices(now: Date): Array<{ value: string; label: string }> {
  const current = semesterOf(now);
  const previous = (s: string) => {
    const [a, b, term] = s.split('-');
    return term === '2' ? `${a}-${b}-1` : `${Number(a) - 1}-${Number(b) - 1}-2`;
  };
  const list = [current, previous(current), previous(previous(current))];
  return list.map((value) => {
    const [a, b, term] = value.split('-');
    return { value, label: `${schoolYearLabel(`${a}-${b}`)}${term === '1' ? '第一' : '第二'}学期` };
  });
}

/** `3/4（75%）` */
export function rate(attended: number, total: number): string {
  return total ? `${attended}/${total}（${Math.round((attended / total) * 100)}%）` : '—';
}
