import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationRoster, RegistrationView } from '@lianyan/shared';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { LOCAL_WECHAT } from '@lianyan/infra/local/stack';
import { api, uniqueId, wechatLogin } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { familySession, freshClass } from '../support/family.ts';

type Answer = { status: number; body: RegistrationView & { code?: string } };

/** A place on the waitlist is a success too (201): told apart from a seat by the registration's status. */
const waitlisted = (a: Answer) => a.status === 201 && a.body.registration?.status === 'waitlisted';
const seatedAnswer = (a: Answer) => a.status === 201 && a.body.registration?.status === 'registered';
type Parent = { userId: string; token: string };

/**
 * `count` parents of one class of sch-core, arranged in the table directly (binding is tested elsewhere) with a
 * WeChat identity (not a dev one: they would crowd the dev login's list), then logged in through WeChat.
 */
async function parents(count: number): Promise<Parent[]> {
  const users = makeUserRepository(testTable());
  const className = freshClass('五年级');
  const prefix = uniqueId('load');
  const accounts = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      accounts.slice(i, i + 25).map(async (account, j) => {
        const userId = `u-${account}`;
        await users.createUserWithIdentities({ id: userId, name: `家长${i + j}`, createdAt: new Date().toISOString() }, [{ provider: 'wechat', externalId: `${LOCAL_WECHAT.appId}:${account}` }], [
          { role: 'parent', scope: { schoolId: 'sch-core' } },
        ]);
        await users.putChild(userId, { id: `c-${account}`, name: `学生${i + j}`, schoolId: 'sch-core', grade: '五年级', className });
      }),
    );
  }
  const result: Parent[] = [];
  for (let i = 0; i < count; i += 50) {
    result.push(...(await Promise.all(accounts.slice(i, i + 50).map(async (a) => ({ userId: `u-${a}`, token: (await wechatLogin(a)).token })))));
  }
  return result;
}

const register = (p: Parent, sessionId: string) => api('POST', `/v1/sessions/${sessionId}/registrations`, { token: p.token }) as Promise<Answer>;
const cancel = (p: Parent, sessionId: string) => api('DELETE', `/v1/sessions/${sessionId}/registrations/me`, { token: p.token }) as Promise<Answer>;

async function roster(sessionId: string, organizerToken: string) {
  const res = await api<RegistrationRoster>('GET', `/v1/sessions/${sessionId}/registrations`, { token: organizerToken });
  expect(res.status).toBe(200);
  return res.body;
}

/** The invariants after any mix of registrations and cancellations: seats = registered, nobody twice, a gap-free waitlist. */
function expectConsistent(r: RegistrationRoster, capacity: number) {
  expect(r.taken).toBe(r.registered.length);
  expect(r.registered.length).toBeLessThanOrEqual(capacity);
  if (r.waitlist.length > 0) expect(r.registered.length).toBe(capacity);
  const everyone = [...r.registered.map((x) => x.userId), ...r.waitlist.map((x) => x.userId)];
  expect(new Set(everyone).size).toBe(everyone.length);
  expect(r.waitlist.map((w) => w.position)).toEqual(r.waitlist.map((_, i) => i + 1));
  const seqs = r.waitlist.map((w) => w.waitlistSeq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
}

let crowd: Parent[];
let latecomers: Parent[];
let newcomers: Parent[];
beforeAll(async () => {
  [crowd, latecomers, newcomers] = await Promise.all([parents(300), parents(20), parents(30)]);
}, 120_000);

describe('300 parents registering at once for 100 seats', () => {
  it('leaves exactly 100 registered and 200 waitlisted in arrival order; cancellations promote the head exactly once', async () => {
    const { session, organizerToken } = await familySession({ title: '家长学校：百人讲座', capacity: 100 });

    const answers = await Promise.all(crowd.map((p) => register(p, session.id)));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(answers.filter(seatedAnswer)).toHaveLength(100);
    expect(answers.filter(waitlisted)).toHaveLength(200);
    expect(answers.filter(waitlisted).every((a) => (a.body.waitlistPosition ?? 0) >= 1)).toBe(true);

    const first = await roster(session.id, organizerToken);
    expectConsistent(first, 100);
    expect(first.registered).toHaveLength(100);
    expect(first.waitlist).toHaveLength(200);
    const seated = new Set(answers.flatMap((a, i) => (seatedAnswer(a) ? [crowd[i]!.userId] : [])));
    expect(new Set(first.registered.map((r) => r.userId))).toEqual(seated);
    // Each parent's own view agrees with the organizer's list, place for place.
    const placeOf = new Map(first.waitlist.map((w) => [w.userId, w.position]));
    // Each racing answer told the place the final order gives.
    expect(answers.flatMap((a, i) => (waitlisted(a) ? [[crowd[i]!.userId, a.body.waitlistPosition]] : []))).toEqual(
      answers.flatMap((a, i) => (waitlisted(a) ? [[crowd[i]!.userId, placeOf.get(crowd[i]!.userId)]] : [])),
    );
    const views = await Promise.all(crowd.map((p) => api<RegistrationView>('GET', `/v1/sessions/${session.id}/registrations/me`, { token: p.token })));
    views.forEach((v, i) => {
      const userId = crowd[i]!.userId;
      if (seated.has(userId)) expect(v.body.registration.status).toBe('registered');
      else expect(v.body).toMatchObject({ registration: { status: 'waitlisted' }, waitlistPosition: placeOf.get(userId) });
    });

    // Arrival order: twenty who come later all queue behind the first two hundred, in their own order.
    const late = [];
    for (const p of latecomers) late.push(await register(p, session.id));
    expect(late.map((a) => a.body.waitlistPosition)).toEqual(Array.from({ length: 20 }, (_, i) => 201 + i));

    // 30 seated parents cancel while 30 newcomers register: the 30 at the head are promoted, in order, each once.
    const before = await roster(session.id, organizerToken);
    const head = before.waitlist.slice(0, 30).map((w) => w.userId);
    const leaving = before.registered.slice(0, 30).map((r) => crowd.find((p) => p.userId === r.userId)!);
    const mixed = await Promise.all([...leaving.map((p) => cancel(p, session.id)), ...newcomers.map((p) => register(p, session.id))]);
    expect(mixed.slice(0, 30).map((a) => [a.status, a.body.registration?.status])).toEqual(Array.from({ length: 30 }, () => [200, 'cancelled']));
    expect(mixed.slice(30).every(waitlisted)).toBe(true);

    const after = await roster(session.id, organizerToken);
    expectConsistent(after, 100);
    expect(after.registered).toHaveLength(100);
    expect(after.waitlist).toHaveLength(220 - 30 + 30);
    const promoted = after.registered.filter((r) => r.promotedAt).map((r) => r.userId);
    expect(new Set(promoted)).toEqual(new Set(head));
    expect(after.waitlist.slice(0, 190).map((w) => w.userId)).toEqual(before.waitlist.slice(30).map((w) => w.userId));
    expect(new Set(after.waitlist.slice(190).map((w) => w.userId))).toEqual(new Set(newcomers.map((p) => p.userId)));
    for (const p of leaving) expect(after.registered.some((r) => r.userId === p.userId)).toBe(false);
  }, 120_000);

  it('never sells a seat twice when the same parents register and cancel over and over at once', async () => {
    const { session, organizerToken } = await familySession({ title: '家长学校：小班讲座', capacity: 5 });
    const group = crowd.slice(0, 12);
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        group.flatMap((p, i) => [register(p, session.id), ...(i % 3 === round ? [cancel(p, session.id)] : [])]),
      );
      expectConsistent(await roster(session.id, organizerToken), 5);
    }
    // Everyone gives their place back at once (a waiting parent may be promoted meanwhile, and then gives the seat
    // back): every seat comes free and nobody is left waiting.
    const gone = await Promise.all(group.map((p) => cancel(p, session.id)));
    expect(gone.every((a) => a.status === 200 && a.body.registration.status === 'cancelled')).toBe(true);
    expect(await roster(session.id, organizerToken)).toMatchObject({ taken: 0, registered: [], waitlist: [] });
  }, 60_000);
});

describe('waitlist places told in racing answers', () => {
  const ROUNDS = 6;
  const RACERS = 60;
  const SEATS = 4;
  const tally = { rounds: 0, answers: 0, wrongPlaces: 0 };
  afterAll(() => process.stdout.write(`waitlist-race: ${JSON.stringify({ racers: RACERS, seats: SEATS, ...tally })}\n`));

  it(`${RACERS} parents at once for ${SEATS} seats, ${ROUNDS} times: each answer tells the place the final order gives, and two cancellations move everyone up by two`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { session, organizerToken } = await familySession({ title: `家长学校：候补名次${round + 1}`, capacity: SEATS });
      const racers = crowd.slice(round * 40, round * 40 + RACERS);
      const answers = await Promise.all(racers.map((p) => register(p, session.id)));
      const told = new Map(answers.flatMap((a, i) => (waitlisted(a) ? [[racers[i]!.userId, a.body.waitlistPosition]] : [])));
      expect(answers.filter(seatedAnswer)).toHaveLength(SEATS);
      expect(told.size).toBe(RACERS - SEATS);

      const final = await roster(session.id, organizerToken);
      expectConsistent(final, SEATS);
      const placeOf = new Map(final.waitlist.map((w) => [w.userId, w.position]));
      tally.rounds += 1;
      tally.answers += told.size;
      tally.wrongPlaces += [...told].filter(([userId, place]) => placeOf.get(userId) !== place).length;
      expect(Object.fromEntries(told)).toEqual(Object.fromEntries(placeOf));

      // Two seats given back at once: the two at the head are promoted, everyone behind moves up by two.
      const seated = final.registered.slice(0, 2).map((r) => racers.find((p) => p.userId === r.userId)!);
      expect((await Promise.all(seated.map((p) => cancel(p, session.id)))).map((a) => a.status)).toEqual([200, 200]);
      const after = await roster(session.id, organizerToken);
      expectConsistent(after, SEATS);
      expect(new Set(after.registered.filter((r) => r.promotedAt).map((r) => r.userId))).toEqual(new Set(final.waitlist.slice(0, 2).map((w) => w.userId)));
      const waiting = racers.filter((p) => (placeOf.get(p.userId) ?? 0) > 2);
      const views = await Promise.all(waiting.map((p) => api<RegistrationView>('GET', `/v1/sessions/${session.id}/registrations/me`, { token: p.token })));
      expect(views.map((v) => v.body.waitlistPosition)).toEqual(waiting.map((p) => placeOf.get(p.userId)! - 2));
    }
  }, 180_000);
});
