import { describe, expect, it } from 'vitest';
import type { School } from '@lianyan/shared';
import type { StoredGroup } from '#repositories/groups';
import type { RosterProfile } from '#repositories/people';
import { groupMembers, teachesFor, type FederationTeacher } from './group-members.ts';

const teacher = (userId: string, schoolId: string, profile: Partial<RosterProfile> & { subject?: string }): [string, FederationTeacher] => [
  userId,
  { userId, schoolId, profile: { id: userId, name: userId, createdAt: '2026-09-01T00:00:00.000Z', ...profile } as RosterProfile },
];
const schools = new Map<string, School>([['a', { id: 'a', name: '甲小学', federationId: 'f', stage: 'primary', rural: false, isCore: true }]]);
const stored = (change: Partial<StoredGroup> & { leaderId?: string } = {}): StoredGroup => ({
  group: { id: 'g', federationId: 'f', subject: '语文', grade: '四年级', name: '四年级语文中心教研组', createdAt: '2026-09-01T00:00:00.000Z', ...(change.leaderId ? { leaderId: change.leaderId } : {}) },
  added: change.added ?? [],
  dropped: change.dropped ?? [],
});

describe('who is in a research group', () => {
  const teachers = new Map([
    teacher('rule', 'a', { subjects: ['数学', '语文'], grades: ['三年级', '四年级'] }),
    teacher('other-grade', 'a', { subjects: ['语文'], grades: ['五年级'] }),
    teacher('legacy', 'a', { subject: '语文', grades: ['四年级'] }),
    teacher('no-grades', 'a', { subjects: ['语文'] }),
    teacher('added', 'b', { subjects: ['英语'] }),
  ]);

  it('takes teachers of the subject in the grade (a profile with the older single subject too)', () => {
    expect(teachesFor({ subject: '语文', grade: '四年级' }, teachers.get('legacy')!.profile)).toBe(true);
    expect(groupMembers(stored(), teachers, schools).members.map((m) => m.id).sort()).toEqual(['legacy', 'rule']);
  });

  it('adds those added by hand, drops those removed (listing them to restore), and always keeps the leader', () => {
    const { members, removed } = groupMembers(stored({ added: ['added', 'gone'], dropped: ['rule', 'no-grades'], leaderId: 'other-grade' }), teachers, schools);
    expect(members.map((m) => [m.id, m.via, m.leader])).toEqual([
      ['other-grade', 'leader', true],
      ['added', 'added', false],
      ['legacy', 'rule', false],
    ]);
    // Only a teacher the rule would take shows as removed; someone added who left the federation is simply gone.
    expect(removed.map((r) => r.id)).toEqual(['rule']);
    expect(members.find((m) => m.id === 'legacy')?.schoolName).toBe('甲小学');
  });
});
