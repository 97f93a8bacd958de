import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { semesterOf, type Briefing, type FederationReport, type RecordBundle, type RecordsStatus, type Roster, type SessionFileList } from '@lianyan/shared';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';
import { pdfText } from '../support/pdf-text.ts';

// The lived-in demo of `npm start` (seedHistory): the past 听评课 has a whole record; the other past sessions are the gaps.

let app: InProcessStack;
beforeAll(async () => {
  app = await startInProcessStack({ seedHistory: true });
});
afterAll(async () => {
  await app?.stack.stop();
});

describe('demo records (活动档案)', () => {
  it('seeds the past lesson observation with a plan, photos, reflections, excerpts and chosen briefing photos', async () => {
    const { token } = await app.login('organizer');
    const files = (await app.invoke('listSessionFiles', { token, params: { id: 'ses-past-observe' } })).json as SessionFileList;
    expect(files.items.map((f) => [f.category, f.name])).toEqual([
      ['plan', '听评课活动方案.pdf'],
      ['photo', '课堂实录.png'],
      ['photo', '小组合作.png'],
      ['photo', '评课研讨.png'],
    ]);
    // The bytes are there and are what they claim to be.
    const bytes = new Map<string, Buffer>();
    for (const f of files.items) {
      const res = await fetch(`${app.stack.url}${new URL(f.url!).pathname}${new URL(f.url!).search}`);
      expect(res.status).toBe(200);
      bytes.set(f.name, Buffer.from(await res.arrayBuffer()));
      const head = bytes.get(f.name)!.subarray(0, 8);
      expect(head.toString('latin1').startsWith(f.contentType === 'application/pdf' ? '%PDF-' : '\x89PNG')).toBe(true);
    }

    const briefing = (await app.invoke('getBriefing', { token, params: { id: 'ses-past-observe' } })).json as Briefing;
    // The session is where its 活动方案 says, at the school it names as the teaching teacher's.
    expect(briefing.session).toMatchObject({ hostSchoolName: '明湖区城东第二小学', venueName: '明湖区城东第二小学 四年级(2)班教室' });
    const plan = pdfText(bytes.get('听评课活动方案.pdf')!).join('\n');
    expect(plan).toContain(briefing.session.venueName);
    expect(plan).toContain(`（${briefing.session.hostSchoolName}）`);
    expect(briefing.photos.map((p) => p.name)).toEqual(['课堂实录.png', '评课研讨.png']);
    expect(briefing.excerpts).toHaveLength(2);
    expect(briefing.reflections).toEqual({ requested: true, submitted: 3 });
    expect(briefing.figures.signedIn).toBeGreaterThan(3);

    const bundle = await app.invoke('getRecordBundle', { token, params: { id: 'ses-past-observe' } });
    expect(bundle.status).toBe(200);
    expect((bundle.json as RecordBundle).entries.filter((e) => e.startsWith('06-心得体会/'))).toHaveLength(3);

    const fedAdmin = (await app.login('fed-admin')).token;
    const semester = semesterOf(new Date(Date.now() - 7 * 86_400_000));
    const status = (await app.invoke('getRecordsStatus', { token: fedAdmin, params: { id: 'fed-chengdong' }, query: { semester } })).json as RecordsStatus;
    const observe = status.items.find((i) => i.sessionId === 'ses-past-observe');
    expect(observe).toMatchObject({ files: { plan: 1, photo: 3 }, reflection: { submitted: 3, due: true }, missing: ['reflections'] });
    // Three of those who came wrote: below the 80 % a district expects.
    expect(observe!.reflection!.rate).toBeCloseTo(3 / observe!.signedIn, 5);
    for (const id of ['ses-past-joint', 'ses-past-outreach', 'ses-past-lecture'].filter((s) => status.items.some((i) => i.sessionId === s))) {
      expect(status.items.find((i) => i.sessionId === id)?.missing).toEqual(['photos', 'plan']);
    }

    const { seedDemoRecords } = await import('@lianyan/infra/seed/records');
    const { localBlobs } = await import('@lianyan/functions/clients');
    expect(await seedDemoRecords({ db: app.db, table: app.stack.tableName }, localBlobs!)).toBe('present');
  });

  it('closes the past sessions through the close path, so the demo figures count every absence (issue 25)', async () => {
    const fedAdmin = (await app.login('fed-admin')).token;
    const organizer = (await app.login('organizer')).token;
    // The organizer (who also teaches at the core school) and parents 2–4 were absent, written by close.
    const joint = (await app.invoke('getAttendance', { token: organizer, params: { id: 'ses-past-joint' } })).json as Roster;
    expect(joint.items.find((i) => i.userId === 'u-organizer')).toMatchObject({ status: 'absent', creditedHours: 0 });
    const family = (await app.invoke('getAttendance', { token: organizer, params: { id: 'ses-past-family' } })).json as Roster;
    expect(family.items.filter((i) => i.status === 'absent').map((i) => i.userId).sort()).toEqual(['u-parent-2', 'u-parent-3', 'u-parent-4']);
    expect(family.summary).toMatchObject({ expected: 4, signedIn: 1, absent: 3 });

    // The README's walk-through signs in two people to the live session (2 of its 29).
    const live = app.stack.liveSession!;
    for (const userId of ['u-core-teacher-1', 'u-east2-teacher-3']) {
      const res = await app.invoke('markAttendance', { token: organizer, params: { id: live.id, userId }, body: { status: 'on_time', reason: '现场签到' } });
      expect(res.status).toBe(200);
    }
    const liveRoster = (await app.invoke('getAttendance', { token: organizer, params: { id: live.id } })).json as Roster;
    expect(liveRoster.summary).toMatchObject({ expected: 29, signedIn: 2 });

    const now = new Date();
    const semesters = [...new Set([semesterOf(new Date(now.getTime() - 20 * 86_400_000)), semesterOf(now)])];
    const reports = await Promise.all(
      semesters.map(async (semester) => (await app.invoke('getFederationReport', { token: fedAdmin, params: { id: 'fed-chengdong' }, query: { semester } })).json as FederationReport),
    );
    const core = reports.map((r) => r.schools.find((s) => s.school.id === 'sch-core')!);
    // 25 of 33: the organizer's absences count (86.2 % = 25 of 29 before).
    expect([core.reduce((a, r) => a + r.attendance.attended, 0), core.reduce((a, r) => a + r.attendance.expected, 0)]).toEqual([25, 33]);
    if (semesters.length === 1) {
      expect(core[0]!.attendance.rate).toBeCloseTo(0.758, 3);
      expect(core[0]!.bundled).toBe(55.6);
    }
  });

  // Last in the file: it adds demo sessions, which would move the figures asserted above.
  it('keeps a live 联合教研 on time for whoever tries the README (npm start refreshes it every few minutes)', async () => {
    const { ensureLiveSession } = await import('@lianyan/infra/seed/demo');
    const ctx = { db: app.db, table: app.stack.tableName };
    const live = app.stack.liveSession!;
    const onTimeUntil = Date.parse(live.startAt) + live.signIn.lateAfterMin * 60_000;
    expect(onTimeUntil - Date.now()).toBeGreaterThan(30 * 60_000);
    // Still on time for more than 10 minutes: the same session.
    expect((await ensureLiveSession(ctx, new Date(onTimeUntil - 11 * 60_000))).id).toBe(live.id);
    // Less than 10 minutes left: a new one, on time for another half hour and more.
    const later = new Date(onTimeUntil - 9 * 60_000);
    const next = await ensureLiveSession(ctx, later);
    expect(next.id).not.toBe(live.id);
    expect(Date.parse(next.startAt) + next.signIn.lateAfterMin * 60_000 - later.getTime()).toBeGreaterThan(30 * 60_000);
    expect((await ensureLiveSession(ctx, later)).id).toBe(next.id);
  });
});
