import { currentSchoolYear } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeClassRepository } from '@lianyan/functions/repositories/classes';
import { DEMO_SCHOOLS } from './demo.ts';

const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'] as const;
/** Classes per grade: the core school is the big one (一年级 has ten classes), the rural school the small one. */
const SIZES: Record<(typeof DEMO_SCHOOLS)[number]['id'], (grade: string) => number> = {
  'sch-core': (grade) => (grade === '一年级' ? 10 : 6),
  'sch-east2': () => 4,
  'sch-donghu': () => 4,
  'sch-qingshan': () => 2,
};

/** The demo schools' classes of a school year: 一年级(1)班 … (every demo child's class is among them). */
export function demoClassNames(schoolId: (typeof DEMO_SCHOOLS)[number]['id']): string[] {
  return GRADES.flatMap((grade) => Array.from({ length: SIZES[schoolId](grade) }, (_, i) => `${grade}(${i + 1})班`));
}

/** The current school year's classes of the demo schools, written once (a list an admin changed stays as changed). */
export async function ensureDemoClasses(ctx: TableContext, now = new Date()): Promise<void> {
  const classes = makeClassRepository(ctx);
  const schoolYear = currentSchoolYear(now);
  for (const school of DEMO_SCHOOLS) {
    if (await classes.getList(school.id, schoolYear)) continue;
    await classes.saveList({ schoolId: school.id, schoolYear, names: demoClassNames(school.id) }, undefined, { now: now.toISOString(), by: 'seed' });
  }
}
