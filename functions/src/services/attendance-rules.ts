import {
  DEFAULT_CREDIT_RULE,
  type Attendance,
  type AttendanceStatus,
  type AttendanceSummary,
  type Location,
  type Session,
} from '@lianyan/shared';

const MIN = 60_000;

export interface SignInWindowTimes {
  opensAt: number;
  lateAt: number;
  startAt: number;
  endAt: number;
  closesAt: number;
}

export function windowOf(session: Session): SignInWindowTimes {
  const startAt = Date.parse(session.startAt);
  const endAt = Date.parse(session.endAt);
  return {
    opensAt: startAt - session.signIn.opensBeforeMin * MIN,
    lateAt: startAt + session.signIn.lateAfterMin * MIN,
    startAt,
    endAt,
    closesAt: endAt + session.signIn.closesAfterEndMin * MIN,
  };
}

export const statusAtSignIn = (session: Session, at: number): AttendanceStatus =>
  at > windowOf(session).lateAt ? 'late' : 'on_time';

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type GeofenceResult = { outcome: 'ok' | 'flag' | 'reject' | 'no_location'; distanceM?: number; radiusM?: number };

export function checkGeofence(session: Session, location: Location | undefined): GeofenceResult {
  const mode = session.geofence ?? 'off';
  const venue = session.venue;
  if (mode === 'off' || session.mode === 'online' || venue?.lat === undefined || venue.lng === undefined) return { outcome: 'ok' };
  if (!location) return { outcome: 'no_location' };
  const radiusM = venue.radiusM ?? 300;
  const distanceM = Math.round(distanceMeters(location, { lat: venue.lat, lng: venue.lng }));
  // A phone's own accuracy estimate counts in its favour, up to 200 m.
  const slack = Math.min(location.accuracy ?? 0, 200);
  if (distanceM - slack <= radiusM) return { outcome: 'ok', distanceM, radiusM };
  return { outcome: mode === 'reject' ? 'reject' : 'flag', distanceM, radiusM };
}

/**
 * Credited hours for a stay from `inAt` to `outAt` (or the end, when sign-out is not required).
 * `proportional`: hours × the share of the session present, rounded down to 0.1 h; arriving within the late grace
 * counts from the start, leaving within the early grace until the end.
 * `full_or_none`: all hours within the grace minutes, otherwise none.
 */
export function creditedHours(session: Session, inAt: number, outAt: number | undefined): number {
  const rule = session.creditRule ?? DEFAULT_CREDIT_RULE;
  const w = windowOf(session);
  if (outAt === undefined) {
    if (session.signOutRequired) return 0;
    outAt = w.endAt;
  }
  const lateBy = Math.max(0, inAt - w.startAt);
  const earlyBy = Math.max(0, w.endAt - outAt);
  const withinGrace = lateBy <= rule.lateGraceMin * MIN && earlyBy <= rule.earlyLeaveGraceMin * MIN;
  if (withinGrace) return session.creditHours;
  if (rule.mode === 'full_or_none') return 0;
  // Within the grace minutes, arrival counts from the start and departure until the end.
  const from = lateBy <= rule.lateGraceMin * MIN ? w.startAt : inAt;
  const until = earlyBy <= rule.earlyLeaveGraceMin * MIN ? w.endAt : outAt;
  const length = w.endAt - w.startAt;
  const present = Math.max(0, Math.min(until, w.endAt) - Math.max(from, w.startAt));
  return Math.floor((session.creditHours * present) / length * 10) / 10;
}

export function statusAtSignOut(session: Session, current: AttendanceStatus, outAt: number): AttendanceStatus {
  const rule = session.creditRule ?? DEFAULT_CREDIT_RULE;
  const leftEarly = outAt < windowOf(session).endAt - rule.earlyLeaveGraceMin * MIN;
  return leftEarly && current === 'on_time' ? 'left_early' : current;
}

/** User ids whose records share a device with another account in this session (代签 signal). */
export function sharedDeviceUsers(items: Array<Pick<Attendance, 'userId' | 'deviceId'>>): Set<string> {
  const byDevice = new Map<string, string[]>();
  for (const item of items) {
    if (!item.deviceId) continue;
    byDevice.set(item.deviceId, [...(byDevice.get(item.deviceId) ?? []), item.userId]);
  }
  return new Set([...byDevice.values()].filter((users) => users.length > 1).flat());
}

/**
 * A roster's counts. 应到 (expected, docs/design/reports.md) = everyone with a record, less the excused, plus the
 * audience members without a record yet (`unrecorded`: none once the session is closed, as close writes theirs).
 */
export function summarize(items: Array<Pick<Attendance, 'status' | 'signedOutAt' | 'flags'>>, unrecorded: number): AttendanceSummary {
  const count = (status: AttendanceStatus) => items.filter((i) => i.status === status).length;
  const signedIn = items.filter((i) => i.status === 'on_time' || i.status === 'late' || i.status === 'left_early').length;
  return {
    expected: items.length - count('excused') + unrecorded,
    signedIn,
    late: count('late'),
    absent: count('absent'),
    signedOut: items.filter((i) => i.signedOutAt).length,
    leftEarly: count('left_early'),
    excused: count('excused'),
    flagged: items.filter((i) => i.flags.length > 0).length,
  };
}
