import { PeoplePage, Person, type CreatePersonRequest, type UpdatePersonRequest } from '@lianyan/shared';
import { downloadExport } from '../platform/download';
import { request } from './request';

/** One page of a school's 教师名册, filtered by name or phone digits. */
export function listPeople(schoolId: string, query: { q?: string; cursor?: string; limit?: number }): Promise<PeoplePage> {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit) params.set('limit', String(query.limit));
  const search = params.toString();
  return request(`/v1/schools/${encodeURIComponent(schoolId)}/people${search ? `?${search}` : ''}`, PeoplePage, { silent: true });
}

export function createPerson(schoolId: string, body: CreatePersonRequest): Promise<Person> {
  return request(`/v1/schools/${encodeURIComponent(schoolId)}/people`, Person, { method: 'POST', data: body, silent: true });
}

/** Sent as POST (the API's alias for PATCH), which every mini-program platform supports. */
export function updatePerson(personId: string, body: UpdatePersonRequest): Promise<Person> {
  return request(`/v1/people/${encodeURIComponent(personId)}`, Person, { method: 'POST', data: body, silent: true });
}

export function leaveSchool(personId: string, schoolId: string): Promise<Person> {
  return request(`/v1/people/${encodeURIComponent(personId)}/leave`, Person, { method: 'POST', data: { schoolId }, silent: true });
}

/** Where the teachers' Excel template is served (GET, with the login). */
const TEACHER_TEMPLATE_PATH = '/v1/imports/template?kind=teachers';

/** 下载模板: fetched with the login and saved (H5) or opened (mini-program); one place to change it. */
export function downloadTeacherTemplate(): Promise<void> {
  return downloadExport(TEACHER_TEMPLATE_PATH, 'xlsx', '教师名册导入模板');
}
