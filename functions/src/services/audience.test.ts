import { describe, expect, it } from 'vitest';
import type { Session } from '@lianyan/shared';
import { audienceSchoolOf, childInAudience } from './audience.ts';

const session = (audience: Session['audience'], audienceSchoolIds: string[]) => ({ audience, audienceSchoolIds }) as Session;

describe('the parent audience of a family session', () => {
  const grade1 = session({ type: 'parents', schoolIds: ['s1', 's2'], grades: ['一年级'] }, ['s1', 's2']);
  const allGrades = session({ type: 'parents', schoolIds: ['s1'] }, ['s1']);

  it('admits a child of an audience school and grade', () => {
    expect(childInAudience(grade1, { schoolId: 's2', grade: '一年级' })).toBe(true);
    expect(childInAudience(grade1, { schoolId: 's2', grade: '三年级' })).toBe(false);
    expect(childInAudience(grade1, { schoolId: 's3', grade: '一年级' })).toBe(false);
    expect(childInAudience(allGrades, { schoolId: 's1', grade: '六年级' })).toBe(true);
    expect(childInAudience(session({ type: 'federation' }, ['s1']), { schoolId: 's1', grade: '一年级' })).toBe(false);
  });

  it('checks parents by the children in their token, not by their role', () => {
    const parent = (children: Array<{ schoolId: string; grade: string }>) => ({ userId: 'u1', roles: [{ role: 'parent' as const, scope: { schoolId: 's1' } }], children });
    expect(audienceSchoolOf(grade1, parent([{ schoolId: 's1', grade: '三年级' }, { schoolId: 's2', grade: '一年级' }]))).toBe('s2');
    expect(audienceSchoolOf(grade1, parent([{ schoolId: 's1', grade: '三年级' }]))).toBeUndefined();
    expect(audienceSchoolOf(grade1, parent([]))).toBeUndefined();
    // A teacher of an audience school is not a parent of it.
    expect(audienceSchoolOf(allGrades, { userId: 'u2', roles: [{ role: 'teacher', scope: { schoolId: 's1' } }] })).toBeUndefined();
  });
});
