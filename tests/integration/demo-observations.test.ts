import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coverage, ScaleList } from '@lianyan/shared';
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
});
