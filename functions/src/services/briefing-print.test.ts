import { describe, expect, it } from 'vitest';
import type { Briefing } from '@lianyan/shared';
import { briefingTimeRange, renderBriefingPage } from './briefing-print.ts';

const makeBriefing = (overrides: Partial<Briefing> = {}): Briefing => ({
  session: {
    id: 's1',
    title: '城东教共体联合教研',
    kind: 'joint_research',
    mode: 'offline',
    startAt: '2026-11-23T06:00:00.000Z',
    endAt: '2026-11-23T08:00:00.000Z',
    venueName: '明湖区实验小学 报告厅',
    hostSchoolName: '明湖区实验小学',
  },
  schools: ['明湖区实验小学', '青山乡中心小学'],
  figures: {
    expected: 30,
    signedIn: 24,
    late: 2,
    bySchool: [
      { schoolId: 'sch-core', schoolName: '明湖区实验小学', expected: 20, signedIn: 18, late: 1 },
      { schoolId: 'sch-qingshan', schoolName: '青山乡中心小学', expected: 10, signedIn: 6, late: 1 },
    ],
  },
  photos: [],
  excerpts: [],
  reflections: { requested: false, submitted: 0 },
  generatedAt: '2026-11-23T09:00:00.000Z',
  ...overrides,
});

describe('renderBriefingPage', () => {
  it('prints the facts, the figures by school and the rate, in Shanghai time', () => {
    const html = renderBriefingPage(makeBriefing());
    expect(html).toContain('2026-11-23 14:00–16:00');
    expect(html).toContain('<b data-figure="signedIn">24</b>');
    expect(html).toContain('80%');
    expect(html).toContain('<td>青山乡中心小学</td><td class="n">10</td><td class="n">6</td><td class="n">1</td>');
    expect(html).not.toContain('心得摘录');
    expect(html).not.toContain('<script');
  });

  it('escapes what people typed', () => {
    const html = renderBriefingPage(
      makeBriefing({ excerpts: [{ userId: 'u1', name: '王<b>芳</b>', text: '<script>alert(1)</script>"收获"' }], photos: [{ id: 'p1', name: 'a.png', caption: '"><img src=x>' }] }),
    );
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;收获&quot;');
    expect(html).toContain('王&lt;b&gt;芳&lt;/b&gt;');
    expect(html).not.toContain('<img src=x>');
  });

  it('names both days of a session over midnight', () => {
    expect(briefingTimeRange('2026-11-23T12:00:00Z', '2026-11-24T02:00:00Z')).toBe('2026-11-23 20:00 至 2026-11-24 10:00');
  });
});
