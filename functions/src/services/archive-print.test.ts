import { describe, expect, it } from 'vitest';
import type { ArchiveEntry, ArchiveSummary } from '@lianyan/shared';
import { renderArchivePage } from './archive-print.ts';

const person = { id: 'u-1', name: '王老师', schoolName: '明湖区实验小学' };
const summary: ArchiveSummary = {
  person,
  year: '2026',
  semester: '2026-2027-1',
  training: { hours: 4, target: 72, cycleHours: 4, cycleTarget: 360, cycle: '2026–2030' },
  observations: { semester: '2026-2027-1', count: 1 },
  sessionsByKind: {},
  counts: { training: 0, lesson_observation: 1, open_class: 0, award: 0, paper: 0, project: 0, mentorship: 0, rotation: 0, reading: 0, other: 0, research_attendance: 1 } as ArchiveSummary['counts'],
  pending: 0,
  onTrack: true,
};

const derived = (id: string, kind: 'research_attendance' | 'lesson_observation', extra: Partial<ArchiveEntry> = {}) =>
  ({
    id,
    userId: 'u-1',
    source: 'derived',
    status: 'approved',
    kind,
    date: '2026-10-12',
    hours: kind === 'research_attendance' ? 2 : 0,
    title: '听评课：分数的意义',
    evidenceFiles: [],
    createdAt: '2026-10-12T02:00:00.000Z',
    updatedAt: '2026-10-12T02:00:00.000Z',
    sessionId: 's-1',
    ...extra,
  }) as ArchiveEntry;

describe('printable archive', () => {
  it('prints a session’s reflection once, under its first line, escaped and marked late', () => {
    const reflection = { text: '先学后教 <b>不是</b> 口号：学生先尝试，再讨论。', late: true };
    const html = renderArchivePage({
      person,
      period: { from: '2026-09-01', to: '2027-08-31' },
      entries: [derived('att-s-1', 'research_attendance', { sessionReflection: reflection }), derived('obs-s-1', 'lesson_observation', { sessionReflection: reflection })],
      summary,
      generatedAt: new Date('2026-11-23T08:00:00Z'),
    });
    expect(html.match(/心得体会/g)).toHaveLength(1);
    expect(html).toContain('先学后教 &lt;b&gt;不是&lt;/b&gt; 口号');
    expect(html).not.toContain('<b>不是</b>');
    expect(html).toMatch(/心得体会<\/b><span class="tag">迟交<\/span>/);
  });

  it('prints no reflection row for lines without one', () => {
    const html = renderArchivePage({ person, period: { from: '2026-09-01', to: '2027-08-31' }, entries: [derived('att-s-1', 'research_attendance')], summary, generatedAt: new Date() });
    expect(html).not.toContain('class="refl"');
  });
});
