import { schoolYearLabel, type SetupStatus } from '@lianyan/shared';

const SETUP_LINKS = {
  organization: '/packages/admin/organization/index',
  invites: '/packages/admin/invites/index',
  people: (schoolId: string) => `/packages/admin/people/index?schoolId=${encodeURIComponent(schoolId)}`,
  groups: '/packages/admin/groups/index',
  classes: '/packages/admin/classes/index',
} as const;

export interface SetupItem {
  key: string;
  text: string;
  /** Where to fix it. */
  url: string;
  action: string;
}

export interface SetupSummary {
  federations: number;
  schools: number;
  teachers: { invited: number; active: number };
  groups: number;
  classes: number;
  missing: SetupItem[];
}

/** At most this many of one kind are named; the rest are counted. */
const NAMED = 3;

function named(names: string[]): string {
  return names.length <= NAMED ? names.join('、') : `${names.slice(0, NAMED).join('、')} 等 ${names.length} 所`;
}

/** The district's figures and, in the order a district sets itself up, what is still missing with where to fix it. */
export function setupSummary(status: SetupStatus): SetupSummary {
  const schools = status.federations.flatMap((f) => f.schools);
  const sum = (pick: (s: (typeof schools)[number]) => number) => schools.reduce((n, s) => n + pick(s), 0);
  const missing: SetupItem[] = [];
  if (status.federations.length === 0) missing.push({ key: 'federations', text: '还没有校联体', url: SETUP_LINKS.organization, action: '新建校联体' });
  for (const { federation, schools: list, coreSchoolId, groups } of status.federations) {
    const name = `「${federation.name}」`;
    if (list.length === 0) {
      missing.push({ key: `${federation.id}-schools`, text: `${name}还没有学校`, url: SETUP_LINKS.organization, action: '添加学校' });
      continue;
    }
    if (!coreSchoolId || !list.some((s) => s.isCore)) missing.push({ key: `${federation.id}-core`, text: `${name}还没有核心校`, url: SETUP_LINKS.organization, action: '设定核心校' });
    const noAdmin = list.filter((s) => s.admins === 0 && s.adminInvites === 0);
    if (noAdmin.length) missing.push({ key: `${federation.id}-admins`, text: `${name}的 ${named(noAdmin.map((s) => s.name))} 没有学校管理员或邀请`, url: SETUP_LINKS.invites, action: '生成管理员邀请码' });
    const noTeachers = list.filter((s) => s.teachers.invited + s.teachers.active === 0);
    const first = noTeachers[0];
    if (first) missing.push({ key: `${federation.id}-teachers`, text: `${name}的 ${named(noTeachers.map((s) => s.name))} 教师名册为空`, url: SETUP_LINKS.people(first.id), action: '导入教师名册' });
    if (groups === 0) missing.push({ key: `${federation.id}-groups`, text: `${name}还没有中心教研组`, url: SETUP_LINKS.groups, action: '新建教研组' });
    const noClasses = list.filter((s) => s.classes === 0);
    if (noClasses.length) missing.push({ key: `${federation.id}-classes`, text: `${name}的 ${named(noClasses.map((s) => s.name))} 还没有 ${schoolYearLabel(status.schoolYear)}的班级`, url: SETUP_LINKS.classes, action: '班级管理' });
  }
  return {
    federations: status.federations.length,
    schools: schools.length,
    teachers: { invited: sum((s) => s.teachers.invited), active: sum((s) => s.teachers.active) },
    groups: status.federations.reduce((n, f) => n + f.groups, 0),
    classes: sum((s) => s.classes),
    missing,
  };
}
