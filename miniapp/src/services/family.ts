import {
  AuthResult,
  FamilyHistory,
  FamilySessions,
  ParentSchoolReport,
  RegistrationView,
  type BindChildRequest,
  type TransitionTopic,
  type User,
} from '@lianyan/shared';
import { ApiError, request } from './request';
import { saveAuthResult } from './session';

const sessionPath = (id: string, rest: string) => `/v1/sessions/${encodeURIComponent(id)}${rest}`;

/** Family sessions for my children, upcoming first; optionally one stage-transition topic. */
export function listFamilySessions(topic?: TransitionTopic): Promise<FamilySessions> {
  return request(`/v1/family/sessions${topic ? `?topic=${topic}` : ''}`, FamilySessions, { silent: true });
}

export type RegisterOutcome =
  | { kind: 'registered'; view: RegistrationView }
  | { kind: 'waitlisted'; position: number; message: string }
  | { kind: 'full'; message: string };

/** 报名: a seat, a place on the waitlist (both successes), or 409 SESSION_FULL when the session keeps no waitlist. */
export async function registerForSession(id: string): Promise<RegisterOutcome> {
  try {
    const view = await request(sessionPath(id, '/registrations'), RegistrationView, { method: 'POST', silent: true });
    if (view.registration.status !== 'waitlisted') return { kind: 'registered', view };
    const position = view.waitlistPosition ?? 0;
    return { kind: 'waitlisted', position, message: `名额已满，已为你登记候补${position ? `（第 ${position} 位）` : ''}，有人取消时按顺序递补` };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'SESSION_FULL') return { kind: 'full', message: error.message };
    throw error;
  }
}

// POST, not DELETE: older DingTalk clients send only GET and POST.
export function cancelRegistration(id: string): Promise<RegistrationView> {
  return request(sessionPath(id, '/registrations/me'), RegistrationView, { method: 'POST', silent: true });
}

/** Binds to a child with a parent invite; the answer carries fresh tokens that include the child. */
export async function bindChild(body: BindChildRequest): Promise<User> {
  const result = await request('/v1/parents/bind', AuthResult, { method: 'POST', data: body, silent: true });
  saveAuthResult(result);
  return result.user;
}

export function getFamilyHistory(): Promise<FamilyHistory> {
  return request('/v1/family/history', FamilyHistory, { silent: true });
}

export function parentSchoolReportPath(schoolId: string, semester: string, format?: 'xlsx'): string {
  return `/v1/schools/${encodeURIComponent(schoolId)}/parent-school?semester=${semester}${format ? `&format=${format}` : ''}`;
}

export function getParentSchoolReport(schoolId: string, semester: string): Promise<ParentSchoolReport> {
  return request(parentSchoolReportPath(schoolId, semester), ParentSchoolReport, { silent: true });
}
