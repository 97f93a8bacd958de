import {
  FAMILY_ERROR_MESSAGES,
  type RegistrationRoster,
  type RegistrationView,
  type Session,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { backoff as jitteredBackoff } from '#lib/dynamo';
import { AppError, conflict, notFound, serviceUnavailable } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import { publicRegistration, type RegistrationRecord, type RegistrationRepository } from '#repositories/registrations';
import type { SessionRepository } from '#repositories/sessions';
import type { UserRepository } from '#repositories/users';
import { childInAudience } from './audience.ts';
import type { SessionService } from './sessions.ts';
import { shanghaiTime } from '@lianyan/shared';

type FamilyError = keyof typeof FAMILY_ERROR_MESSAGES;
const fail = (status: number, code: FamilyError, message?: string, details?: Record<string, unknown>) =>
  new AppError(status, code, message ?? FAMILY_ERROR_MESSAGES[code], details);

/** Registration closes at the session's deadline, or at its start. */
const registrationDeadline = (session: Session) => session.registrationDeadline ?? session.startAt;
/** A seat may be given back until the cancel deadline, or the start. */
const cancelDeadline = (session: Session) => session.cancelDeadline ?? session.startAt;

/** How often a registration retries when other transactions keep winning the seat counter. */
const MAX_ATTEMPTS = 25;

/**
 * 报名 with seats and a waitlist. Every change goes through one transaction on the session's SEATS item (see
 * repositories/registrations.ts); a transaction that loses to another is retried with jittered backoff, and
 * after MAX_ATTEMPTS the caller gets 503 with Retry-After — registering again is safe (one per session and parent).
 */
export function makeRegistrationService(deps: {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  users: UserRepository;
  sessionService: SessionService;
  clock: Clock;
  /** The pause before a retry (jittered exponential backoff; tests pass none). */
  backoff?: (attempt: number) => Promise<void>;
}) {
  const { registrations, clock } = deps;
  const backoff = deps.backoff ?? jitteredBackoff;

  async function load(sessionId: string): Promise<Session> {
    const session = await deps.sessions.getSession(sessionId);
    if (!session || session.status === 'draft') throw notFound('活动不存在或尚未发布');
    return session;
  }

  async function seatsLeft(session: Session): Promise<number | undefined> {
    if (session.capacity === undefined) return undefined;
    const seats = await registrations.getSeats(session.id);
    return Math.max(0, session.capacity - seats.taken);
  }

  async function view(session: Session, record: RegistrationRecord, extra: Partial<RegistrationView> = {}): Promise<RegistrationView> {
    const position =
      record.status === 'waitlisted' && record.waitlistSeq !== undefined ? await registrations.waitlistPosition(session.id, record.waitlistSeq) : undefined;
    const left = await seatsLeft(session);
    return {
      registration: publicRegistration(record),
      ...(position === undefined ? {} : { waitlistPosition: position }),
      ...(left === undefined ? {} : { seatsLeft: left }),
      ...extra,
    };
  }

  /** SESSION_FULL: full, and the session keeps no waitlist. */
  const full = () => fail(409, 'SESSION_FULL', '名额已满，本活动不设候补');

  /** The answer for an existing registration, a seat or a place on the waitlist: 200. */
  async function existingAnswer(session: Session, record: RegistrationRecord): Promise<{ created: false; view: RegistrationView }> {
    return { created: false, view: await view(session, record, { alreadyRegistered: true }) };
  }

  async function reread(session: Session, userId: string): Promise<RegistrationRecord> {
    const record = await registrations.getRegistration(session.id, userId);
    if (!record) throw conflict('CONFLICT', '报名状态刚刚发生变化，请刷新后重试');
    return record;
  }

  return {
    /**
     * Registers the parent: a seat while one is left and nobody waits; otherwise a place on the waitlist (a success
     * too: the registration `waitlisted` with `waitlistPosition`); SESSION_FULL only when the session keeps no
     * waitlist. Idempotent per (session, parent).
     */
    async register(auth: AuthContext, sessionId: string): Promise<{ created: boolean; view: RegistrationView }> {
      const session = await load(sessionId);
      const children = (await deps.users.listChildren(auth.userId)).filter((c) => !c.graduatedIn && childInAudience(session, c));
      if (children.length === 0) throw fail(403, 'NOT_IN_AUDIENCE');
      if (!session.registrationRequired) throw conflict('CONFLICT', '本活动无需报名，到场扫码签到即可');
      const existing = await registrations.getRegistration(sessionId, auth.userId);
      if (existing && existing.status !== 'cancelled') return existingAnswer(session, existing);
      const now = clock.now().toISOString();
      if (session.status !== 'published') throw fail(409, 'REGISTRATION_CLOSED', session.status === 'cancelled' ? '活动已取消，无法报名' : '活动已结束，无法报名');
      if (now >= registrationDeadline(session)) {
        throw fail(409, 'REGISTRATION_CLOSED', `报名已于 ${shanghaiTime(registrationDeadline(session))} 截止`, { deadline: registrationDeadline(session) });
      }
      const record: RegistrationRecord = {
        sessionId,
        userId: auth.userId,
        name: auth.name ?? '',
        schoolId: children[0]?.schoolId,
        status: 'registered',
        registeredAt: now,
        updatedAt: now,
      };
      const capacity = session.capacity;
      let seq: number | undefined;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (seq === undefined) {
          const seat = await registrations.takeSeat(record, session.capacity);
          if (seat === 'registered') return { created: true, view: await view(session, record) };
          if (seat === 'exists') return existingAnswer(session, await reread(session, auth.userId));
          if (seat === 'conflict') {
            await backoff(attempt);
            continue;
          }
          if (session.waitlist === false || capacity === undefined) throw full();
          // Arrival order on the waitlist is the order of the numbers that joined.
          seq = await registrations.drawWaitlistNumber(sessionId);
        }
        const waiting: RegistrationRecord & { waitlistSeq: number } = { ...record, status: 'waitlisted', waitlistSeq: seq };
        const outcome = await registrations.joinWaitlist(waiting, capacity ?? 0);
        // The place only: no read of the seats on the busiest path.
        if (outcome === 'waitlisted') return { created: true, view: { registration: publicRegistration(waiting), waitlistPosition: await registrations.waitlistPosition(sessionId, seq) } };
        if (outcome === 'exists') return existingAnswer(session, await reread(session, auth.userId));
        if (outcome === 'seat_free') {
          seq = undefined; // a seat opened meanwhile: take it (the number stays unused)
          continue;
        }
        if (outcome === 'conflict') await backoff(attempt);
        // A place counted is final (see waitlistPosition): a number below one already counted draws again.
        else seq = await registrations.drawWaitlistNumber(sessionId);
      }
      throw serviceUnavailable(1);
    },

    /**
     * Cancels the parent's registration: a seat until the cancel deadline (it goes to the head of the waitlist
     * at once), a place on the waitlist any time before the session ends. Idempotent.
     */
    async cancel(auth: AuthContext, sessionId: string): Promise<RegistrationView> {
      const session = await load(sessionId);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const record = await registrations.getRegistration(sessionId, auth.userId);
        if (!record) throw notFound('你没有报名本活动');
        if (record.status === 'cancelled') return view(session, record);
        const now = clock.now().toISOString();
        if (session.status === 'closed' || now >= session.endAt) throw fail(409, 'REGISTRATION_CLOSED', '活动已结束，无法取消报名');
        let outcome;
        if (record.status === 'waitlisted' && record.waitlistSeq !== undefined) {
          outcome = await registrations.leaveWaitlist({ ...record, waitlistSeq: record.waitlistSeq }, now);
        } else {
          if (now >= cancelDeadline(session) && session.status !== 'cancelled') {
            throw fail(409, 'REGISTRATION_CLOSED', `取消报名已于 ${shanghaiTime(cancelDeadline(session))} 截止，如不能参加请联系活动组织者`, {
              deadline: cancelDeadline(session),
            });
          }
          outcome = await registrations.cancelSeat(record, await registrations.waitlistHead(sessionId), now);
        }
        if (outcome === 'cancelled') return view(session, await reread(session, auth.userId));
        await backoff(attempt);
      }
      throw serviceUnavailable(1);
    },

    /** The parent's own registration for a session, with the place on the waitlist. */
    async mine(auth: AuthContext, sessionId: string): Promise<RegistrationView> {
      const session = await load(sessionId);
      const record = await registrations.getRegistration(sessionId, auth.userId);
      if (!record) throw notFound('你没有报名本活动');
      return view(session, record);
    },

    /** For the session's managers: who has a seat and the waitlist in arrival order. */
    async roster(auth: AuthContext, sessionId: string): Promise<RegistrationRoster> {
      const session = await deps.sessionService.loadManaged(auth, sessionId);
      const [all, seats] = await Promise.all([registrations.listRegistrations(sessionId), registrations.getSeats(sessionId)]);
      const waiting = all.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
      return {
        ...(session.capacity === undefined ? {} : { capacity: session.capacity }),
        taken: seats.taken,
        registered: all
          .filter((r) => r.status === 'registered')
          .sort((a, b) => (a.promotedAt ?? a.registeredAt).localeCompare(b.promotedAt ?? b.registeredAt))
          .map((r) => ({ userId: r.userId, name: r.name, registeredAt: r.registeredAt, ...(r.promotedAt ? { promotedAt: r.promotedAt } : {}) })),
        waitlist: waiting.map((r, i) => ({ userId: r.userId, name: r.name, position: i + 1, waitlistSeq: r.waitlistSeq ?? 0, registeredAt: r.registeredAt })),
      };
    },

    /** After the capacity grew (or was taken off: no limit any more): the waitlist moves into the new seats, head first. */
    async fillFreeSeats(session: Session): Promise<number> {
      if (session.status !== 'published') return 0;
      const capacity = session.capacity ?? Number.MAX_SAFE_INTEGER;
      let promoted = 0;
      for (let failures = 0; failures < MAX_ATTEMPTS; ) {
        const seats = await registrations.getSeats(session.id);
        if (seats.waiting === 0 || seats.taken >= capacity) return promoted;
        const head = await registrations.waitlistHead(session.id);
        if (!head) return promoted;
        const outcome = await registrations.promoteIntoFreeSeat(session.id, head, capacity, clock.now().toISOString());
        if (outcome === 'promoted') promoted++;
        else await backoff(failures++);
      }
      return promoted;
    },
  };
}
export type RegistrationService = ReturnType<typeof makeRegistrationService>;
