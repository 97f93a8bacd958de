import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { semesterOf, type Coverage, type EvaluationList, type ObservationPage, type ScaleList } from '@lianyan/shared';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';

// The lived-in demo of `npm start` (seedHistory): 听评课 with the default and a custom scale, one principal on track
// for 30 and one behind, and a school with teachers not yet observed.

let app: InProcessStack;
beforeAll(async () => {
  app = await startInProcessStack({ seedHistory: true });
}, 180_000);
afterAll(async () => {
  await app?.stack.stop();
});

describe('demo 听评课', () => {
  it('has the default and a custom scale, a principal on track, one behind, and coverage gaps', async () => {
    const token = (await app.login('fed-admin')).token;
    const scales = (await app.invoke('listObservationScales', { token, params: { id: 'fed-chengdong' } })).json as ScaleList;
    expect(scales.items.map((s) => s.id)).toEqual(['default', 'scale-demo-reading']);

    const coverage = async (schoolId: string) => (await app.invoke('getObservationCoverage', { token, params: { id: schoolId } })).json as Coverage;
    const core = await coverage('sch-core');
    expect(core.observers.find((o) => o.id === 'u-core-principal')).toMatchObject({ target: 30, onTrack: true });
    const qingshan = await coverage('sch-qingshan');
    const behind = qingshan.observers.find((o) => o.id === 'u-qingshan-principal');
    expect(behind).toMatchObject({ target: 30, onTrack: false });
    expect(qingshan.notObserved.map((t) => t.id)).toEqual(expect.arrayContaining(['u-qingshan-teacher-3', 'u-qingshan-teacher-6']));
    expect(qingshan.rate).toBeLessThan(core.rate);
    expect(core.notObserved.map((t) => t.id)).not.toContain('u-core-teacher-1');
  });

  it('has the past 听评课 evaluated by the default scale: observations of its teacher, counted once, read by her', async () => {
    const token = (await app.login('fed-admin')).token;
    const semester = semesterOf(new Date(Date.now() - 7 * 86_400_000));
    const east2 = (await app.invoke('getObservationCoverage', { token, params: { id: 'sch-east2' }, query: { semester } })).json as Coverage;
    const lines = east2.teachers.find((t) => t.id === 'u-east2-teacher-1');
    expect(lines?.count).toBe(3);
    const teacher = (await app.login('east2-teacher-1')).token;
    const received = (await app.invoke('listObservations', { token: teacher, query: { teacher: 'me' } })).json as ObservationPage;
    const fromSession = received.items.filter((o) => o.sessionId === 'ses-past-observe');
    expect(fromSession).toHaveLength(3);
    expect(fromSession.every((o) => o.scaleId === 'default' && o.strengths.length > 0)).toBe(true);
    const list = (await app.invoke('listEvaluations', { token: teacher, params: { id: 'ses-past-observe' } })).json as EvaluationList;
    expect(list.items.filter((e) => e.scaleId === 'default')).toHaveLength(3);
    // Each observer: the lesson once in their archive (the attendance does not count it again).
    const observer = fromSession[0]!;
    const account = observer.observerId.replace(/^u-/, '');
    const attendedLessons = (await app.invoke('getArchive', { token: (await app.login(account)).token })).json as { entries: Array<{ kind: string; sessionId?: string }> };
    expect(attendedLessons.entries.filter((e) => e.kind === 'lesson_observation' && e.sessionId === 'ses-past-observe')).toHaveLength(1);
  });
});
