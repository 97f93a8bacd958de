import {
  SIGN_IN_ERROR_MESSAGES,
  type Attendance,
  type AttendanceFlag,
  type LandingView,
  type QrCode,
  type QrPurpose,
  type Session,
  type SignInRequest,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, notFound } from '#lib/errors';
import { CODE_SECONDS, checkQrToken, checkSignInCode, displayKey, isTypedCode, qrToken, qrWindow, sameToken, signInCode } from '#lib/qr-token';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { RateLimitRepository } from '#repositories/rate-limits';
import type { SessionRepository } from '#repositories/sessions';
import { audienceSchoolOf } from './audience.ts';
import { checkGeofence, creditedHours, statusAtSignIn, statusAtSignOut, windowOf } from './attendance-rules.ts';

type SignInError = keyof typeof SIGN_IN_ERROR_MESSAGES;
const fail = (status: number, code: SignInError, details?: Record<string, unknown>) =>
  new AppError(status, code, SIGN_IN_ERROR_MESSAGES[code], details);

export interface SignInSettings {
  getQrSecret: () => Promise<string>;
  clockMarginMs: number;
  replayLimitMs: number;
  sessionCacheMs: number;
  /** Bad QR tokens a user may send in one window before further scans are refused (429) until it ends. */
  failureLimit: number;
  failureWindowMs: number;
}

/**
 * The sign-in path: one read of the session (cached for a few seconds per instance) and one conditional write.
 * Checks run in the documented order: audience, status and window, token, geofence. The cache never decides a
 * close: the write refuses records that close wrote or sealed (closing.ts).
 */
export function makeSignInService(deps: {
  sessions: SessionRepository;
  attendance: AttendanceRepository;
  rateLimits: RateLimitRepository;
  clock: Clock;
  settings: SignInSettings;
}) {
  const { settings, clock } = deps;
  const cache = new Map<string, { session: Session; until: number }>();
  // Users over the failure limit, until their window ends: per instance, so the happy path stays one read and one write.
  const limited = new Map<string, number>();

  function rateLimited(until: number, now: number) {
    const seconds = Math.max(1, Math.ceil((until - now) / 1000));
    return new AppError(429, 'RATE_LIMITED', `扫码失败次数过多，请 ${seconds} 秒后再试`, { retryAfterSeconds: seconds }, { headers: { 'Retry-After': String(seconds) } });
  }

  function refuseIfLimited(userId: string) {
    const until = limited.get(userId);
    if (until === undefined) return;
    const now = clock.now().getTime();
    if (until > now) throw rateLimited(until, now);
    limited.delete(userId);
  }

  /** Counts a bad token on the failure path only; past the limit, refuses this and further scans until the window ends. */
  async function countBadToken(userId: string, error: AppError): Promise<never> {
    const now = clock.now().getTime();
    const window = Math.floor(now / settings.failureWindowMs);
    const until = (window + 1) * settings.failureWindowMs;
    const counted = await deps.rateLimits.countFailure('qr', userId, window, settings.failureLimit, Math.ceil(until / 1000) + 3600);
    if (counted) throw error;
    if (limited.size > 10_000) limited.clear();
    limited.set(userId, until);
    throw rateLimited(until, now);
  }

  async function cachedSession(id: string): Promise<Session> {
    const now = Date.now();
    const hit = cache.get(id);
    if (hit && hit.until > now) return hit.session;
    const session = await deps.sessions.getSession(id);
    if (!session) throw notFound('活动不存在或已被删除');
    if (cache.size > 500) cache.clear();
    cache.set(id, { session, until: now + settings.sessionCacheMs });
    return session;
  }

  /** When the code was scanned and whether this is an offline replay; refuses a future or too-old scan. */
  function scanTime(request: SignInRequest, now: number, rotateSeconds: number) {
    if (!request.scannedAt) return { at: now, replay: false };
    const at = Date.parse(request.scannedAt);
    if (at > now + settings.clockMarginMs + 60_000) throw fail(400, 'SCANNED_AT_IN_FUTURE');
    if (now - at > settings.replayLimitMs) {
      throw fail(410, 'REPLAY_TOO_OLD', { limitHours: settings.replayLimitMs / 3_600_000 });
    }
    // A scan older than the previous window can only be a replay of a code kept offline.
    const replay = now - at > rotateSeconds * 2000 + settings.clockMarginMs;
    return { at: Math.min(at, now), replay };
  }

  async function checkScan(session: Session, auth: AuthContext, request: SignInRequest, purpose: QrPurpose) {
    const schoolId = audienceSchoolOf(session, auth);
    if (!schoolId) throw fail(403, 'NOT_IN_AUDIENCE');
    if (session.status === 'draft' || session.status === 'cancelled') throw fail(409, 'SESSION_NOT_PUBLISHED');
    const rotateSeconds = session.rotateSeconds ?? 10;
    const { at, replay } = scanTime(request, clock.now().getTime(), rotateSeconds);
    const w = windowOf(session);
    const opensAt = purpose === 'in' ? w.opensAt : w.startAt;
    if (session.status === 'closed' || at < opensAt || at > w.closesAt) {
      throw fail(409, 'WINDOW_CLOSED', { opensAt: new Date(opensAt).toISOString(), closesAt: new Date(w.closesAt).toISOString() });
    }
    const check = { secret: await settings.getQrSecret(), sessionId: session.id, purpose, token: request.token, at, marginMs: settings.clockMarginMs };
    // A typed six-digit code is for online sessions only; at a venue the rotating QR proves presence.
    const typed = isTypedCode(request.token);
    const verdict = typed ? (session.mode === 'online' ? checkSignInCode(check) : 'invalid') : checkQrToken({ ...check, rotateSeconds });
    if (verdict === 'expired') return countBadToken(auth.userId, fail(400, 'TOKEN_EXPIRED'));
    if (verdict === 'invalid') return countBadToken(auth.userId, fail(400, 'TOKEN_INVALID'));
    const fence = checkGeofence(session, request.location);
    if (fence.outcome === 'reject') throw fail(403, 'OUTSIDE_GEOFENCE', { distanceM: fence.distanceM, radiusM: fence.radiusM });
    const flags: AttendanceFlag[] = [];
    if (fence.outcome === 'flag') flags.push('outside_geofence');
    if (fence.outcome === 'no_location') flags.push('no_location');
    if (replay) flags.push('offline_replay');
    return { schoolId, at, replay, flags, distanceM: fence.distanceM };
  }

  return {
    async signIn(auth: AuthContext, sessionId: string, request: SignInRequest) {
      refuseIfLimited(auth.userId);
      const session = await cachedSession(sessionId);
      const scan = await checkScan(session, auth, request, 'in');
      const nowIso = clock.now().toISOString();
      const record: Attendance = {
        sessionId,
        userId: auth.userId,
        name: auth.name ?? '',
        schoolId: scan.schoolId,
        status: statusAtSignIn(session, scan.at),
        method: scan.replay ? 'offline_replay' : 'qr',
        signedInAt: new Date(scan.at).toISOString(),
        deviceId: request.deviceId,
        ...(scan.distanceM === undefined ? {} : { distanceM: scan.distanceM }),
        flags: scan.flags,
        creditedHours: creditedHours(session, scan.at, undefined),
        updatedAt: nowIso,
      };
      const result = await deps.attendance.putSignIn(record, { sessionStartAt: session.startAt, sessionKind: session.kind });
      if ('closed' in result) throw fail(409, 'WINDOW_CLOSED', { closed: true });
      return result.created
        ? { created: true, body: { attendance: record, alreadySignedIn: false } }
        : { created: false, body: { attendance: result.existing, alreadySignedIn: true } };
    },

    async signOut(auth: AuthContext, sessionId: string, request: SignInRequest) {
      refuseIfLimited(auth.userId);
      const session = await cachedSession(sessionId);
      const scan = await checkScan(session, auth, request, 'out');
      const existing = await deps.attendance.getAttendance(sessionId, auth.userId);
      if (!existing?.signedInAt) throw fail(409, 'NOT_SIGNED_IN');
      if (existing.signedOutAt) return { created: false, body: { attendance: existing, alreadySignedOut: true } };
      const outAt = Math.max(scan.at, Date.parse(existing.signedInAt));
      const result = await deps.attendance.putSignOut(sessionId, auth.userId, {
        signedOutAt: new Date(outAt).toISOString(),
        status: statusAtSignOut(session, existing.status, outAt),
        creditedHours: creditedHours({ ...session, signOutRequired: false }, Date.parse(existing.signedInAt), outAt),
        updatedAt: clock.now().toISOString(),
      });
      if (result.updated) return { created: true, body: { attendance: result.attendance, alreadySignedOut: false } };
      if (result.existing?.signedOutAt) return { created: false, body: { attendance: result.existing, alreadySignedOut: true } };
      throw fail(409, 'NOT_SIGNED_IN');
    },

    /**
     * What a QR code names, for the landing page a phone camera opens: no login, the token is the permission. One
     * read; a wrong token and a missing session answer alike, so the answer reveals nothing without a genuine code.
     */
    async landing(sessionId: string, token: string, purpose: QrPurpose): Promise<LandingView> {
      const session = await deps.sessions.getSession(sessionId);
      const rotateSeconds = session?.rotateSeconds ?? 10;
      const check = { secret: await settings.getQrSecret(), sessionId, purpose, token, at: clock.now().getTime(), marginMs: settings.clockMarginMs, rotateSeconds };
      const verdict = checkQrToken(check);
      if (!session || verdict === 'invalid') throw fail(403, 'TOKEN_INVALID');
      if (session.status === 'draft' || session.status === 'cancelled') throw fail(409, 'SESSION_NOT_PUBLISHED');
      return {
        session: { id: session.id, title: session.title, startAt: session.startAt, endAt: session.endAt, status: session.status, ...(session.venue ? { venue: session.venue.name } : {}) },
        purpose,
        code: verdict,
      };
    },

    /** The code the display shows now: `<origin>/s/<sessionId>/<token>`, valid until the window turns. */
    async currentQr(session: Session, purpose: QrPurpose, origin: string): Promise<QrCode> {
      const rotateSeconds = session.rotateSeconds ?? 10;
      const now = clock.now().getTime();
      const window = qrWindow(now, rotateSeconds);
      const secret = await settings.getQrSecret();
      const token = qrToken(secret, session.id, purpose, window);
      const codeWindow = qrWindow(now, CODE_SECONDS);
      return {
        url: `${origin}/s/${encodeURIComponent(session.id)}/${token}${purpose === 'out' ? '?p=out' : ''}`,
        token,
        expiresAt: new Date((window + 1) * rotateSeconds * 1000).toISOString(),
        rotateSeconds,
        purpose,
        ...(session.mode === 'online'
          ? { code: signInCode(secret, session.id, purpose, codeWindow), codeExpiresAt: new Date((codeWindow + 1) * CODE_SECONDS * 1000).toISOString() }
          : {}),
      };
    },

    async displayKey(sessionId: string) {
      return displayKey(await settings.getQrSecret(), sessionId);
    },

    async checkDisplayKey(sessionId: string, key: string) {
      return sameToken(displayKey(await settings.getQrSecret(), sessionId), key);
    },
  };
}
export type SignInService = ReturnType<typeof makeSignInService>;
