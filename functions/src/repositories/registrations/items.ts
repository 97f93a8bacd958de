import type { Registration } from '@lianyan/shared';

/**
 * Registrations for a session with seats (家长学校报名). Items in the session's partition:
 * - `SEATS`: `taken` (registered seats) and `waiting` (people on the waitlist). Every change of a registration
 *   changes this item in the same transaction, under a condition — so no seat is sold twice or lost, and
 *   `waiting > 0` only while every seat is taken.
 * - `WAITSEQ`: the waitlist's arrival counter (UpdateItem ADD), apart from `SEATS` so drawing a number never
 *   collides with a seat transaction.
 * - `WAITCOUNTED`: the highest number whose place was counted. A number at or below it can no longer join (it draws
 *   again), so a place counted is final: nobody can come in ahead of it afterwards.
 * - `REG#<uid>`: one registration per (session, parent).
 * - `WAIT#<seq>`: the waitlist in arrival order, one item per waiting parent (Query, consistent, ascending).
 */
export const keys = {
  seats: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'SEATS' }),
  waitSeq: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'WAITSEQ' }),
  waitCounted: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'WAITCOUNTED' }),
  registration: (sessionId: string, userId: string) => ({ PK: `SESSION#${sessionId}`, SK: `REG#${userId}` }),
  wait: (sessionId: string, seq: number) => ({ PK: `SESSION#${sessionId}`, SK: `WAIT#${String(seq).padStart(10, '0')}` }),
};

/** A registration is written anew only where none is, or over a cancelled one. */
export const canReplace = 'attribute_not_exists(PK) OR #status = :cancelled';

export interface RegistrationRecord extends Registration {
  name: string;
  schoolId?: string | undefined;
  remindedFor?: string | undefined;
}

export interface Seats {
  taken: number;
  waiting: number;
}

/** What a registration attempt came to; `conflict` means another transaction won the item: retry. */
export type SeatOutcome = 'registered' | 'full' | 'exists' | 'conflict';
/** `seat_free`: a seat came free meanwhile; `stale`: a higher number's place was counted, so this one may not join. */
export type WaitlistOutcome = 'waitlisted' | 'seat_free' | 'stale' | 'exists' | 'conflict';
export type CancelOutcome = 'cancelled' | 'changed' | 'conflict';

export function toItem(r: RegistrationRecord) {
  // GSI2: the person's registrations, for their copy of their data and the erasure of their name (注销).
  return { ...keys.registration(r.sessionId, r.userId), GSI2PK: `USER#${r.userId}`, GSI2SK: `REG#${r.sessionId}`, type: 'registration', ...r };
}

export function fromItem(item: Record<string, unknown>): RegistrationRecord {
  const { PK: _p, SK: _s, GSI2PK: _g, GSI2SK: _h, type: _t, ...rest } = item;
  return rest as unknown as RegistrationRecord;
}

/** The registration as the parent sees it (no reminder bookkeeping). */
export function publicRegistration(r: RegistrationRecord): Registration {
  return {
    sessionId: r.sessionId,
    userId: r.userId,
    status: r.status,
    ...(r.waitlistSeq === undefined ? {} : { waitlistSeq: r.waitlistSeq }),
    registeredAt: r.registeredAt,
    ...(r.promotedAt ? { promotedAt: r.promotedAt } : {}),
    ...(r.cancelledAt ? { cancelledAt: r.cancelledAt } : {}),
    updatedAt: r.updatedAt,
  };
}
