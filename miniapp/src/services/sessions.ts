import * as z from 'zod/mini';
import {
  Attendance,
  DisplayView,
  MySessions,
  Page,
  Roster,
  Session,
  type AttendanceStatus,
  type QrPurpose,
  type SessionInput,
  type UpdateSessionRequest,
} from '@lianyan/shared';
import { request } from './request';

// Response shapes the API documents that shared/ does not name.
const SessionDetail = z.object({ session: Session, mine: z.optional(Attendance), canManage: z.boolean() });
export type SessionDetail = z.infer<typeof SessionDetail>;
const SessionPage = Page(Session);
const ClosedSession = z.extend(Session, { markedAbsent: z.int() });
const DisplayLink = z.object({ url: z.string(), key: z.string() });
export type DisplayLink = z.infer<typeof DisplayLink>;

const path = (id: string, rest = '') => `/v1/sessions/${encodeURIComponent(id)}${rest}`;

/** 我的活动: upcoming first, then past, each with my record. */
export function listMySessions(): Promise<MySessions> {
  return request('/v1/me/sessions', MySessions, { silent: true });
}

/** Sessions of the caller's federations, drafts included for organizers. */
export function listSessions(): Promise<z.infer<typeof SessionPage>> {
  return request('/v1/sessions', SessionPage, { silent: true });
}

export function getSession(id: string): Promise<SessionDetail> {
  return request(path(id), SessionDetail, { silent: true });
}

export function createSession(input: SessionInput): Promise<Session> {
  return request('/v1/sessions', Session, { method: 'POST', data: input, silent: true });
}

// POST, not PATCH: wx.request has no PATCH and older DingTalk clients refuse PATCH and PUT.
/** An edit: fields left out stay, fields sent as null are cleared. */
export function updateSession(id: string, input: UpdateSessionRequest): Promise<Session> {
  return request(path(id), Session, { method: 'POST', data: input, silent: true });
}

export function publishSession(id: string): Promise<Session> {
  return request(path(id, '/publish'), Session, { method: 'POST', silent: true });
}

export function cancelSession(id: string, reason: string): Promise<Session> {
  return request(path(id, '/cancel'), Session, { method: 'POST', data: { reason }, silent: true });
}

export function closeSession(id: string): Promise<z.infer<typeof ClosedSession>> {
  return request(path(id, '/close'), ClosedSession, { method: 'POST', silent: true });
}

export function getDisplayLink(id: string): Promise<DisplayLink> {
  return request(path(id, '/display-link'), DisplayLink, { silent: true });
}

/** The venue screen's view: no login, the display key instead. */
export function getDisplay(id: string, key: string, purpose: QrPurpose): Promise<DisplayView> {
  return request(`/v1/display/${encodeURIComponent(id)}?key=${encodeURIComponent(key)}&purpose=${purpose}`, DisplayView, {
    auth: false,
    silent: true,
  });
}

/** The roster with the audience members who have no record yet. */
export function getRoster(id: string): Promise<Roster> {
  return request(path(id, '/attendance?include=missing'), Roster, { silent: true });
}

export function rosterExportPath(id: string, format: 'csv' | 'xlsx'): string {
  return path(id, `/attendance?format=${format}`);
}

export function markAttendance(id: string, userId: string, status: AttendanceStatus, reason: string): Promise<Attendance> {
  return request(path(id, `/attendance/${encodeURIComponent(userId)}`), Attendance, {
    method: 'POST',
    data: { status, reason },
    silent: true,
  });
}
