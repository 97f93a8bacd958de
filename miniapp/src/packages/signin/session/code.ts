import type { Attendance, Session } from '@lianyan/shared';

const MINUTE = 60_000;

/** Which typed code an online session asks of this person now: 签到, 签退, or none (not online, done, or out of window). */
export function codePurpose(session: Session, mine: Attendance | undefined, now: number): 'in' | 'out' | null {
  if (session.mode !== 'online' || session.status !== 'published') return null;
  const opens = Date.parse(session.startAt) - session.signIn.opensBeforeMin * MINUTE;
  const closes = Date.parse(session.endAt) + session.signIn.closesAfterEndMin * MINUTE;
  if (now < opens || now > closes) return null;
  if (!mine?.signedInAt) return 'in';
  if (session.signOutRequired && !mine.signedOutAt && now >= Date.parse(session.startAt)) return 'out';
  return null;
}
