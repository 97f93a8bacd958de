import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { semesterOf, type Briefing, type RecordBundle, type RecordsStatus, type SessionFileList } from '@lianyan/shared';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';

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
    for (const f of files.items) {
      const res = await fetch(`${app.stack.url}${new URL(f.url!).pathname}${new URL(f.url!).search}`);
      expect(res.status).toBe(200);
      const head = Buffer.from(await res.arrayBuffer()).subarray(0, 8);
      expect(head.toString('latin1').startsWith(f.contentType === 'application/pdf' ? '%PDF-' : '\x89PNG')).toBe(true);
    }

    const briefing = (await app.invoke('getBriefing', { token, params: { id: 'ses-past-observe' } })).json as Briefing;
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
});
