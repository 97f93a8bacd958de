import { BindClasses, ClassList, type PutClassesRequest } from '@lianyan/shared';
import { request } from './request';

const classesPath = (schoolId: string) => `/v1/schools/${encodeURIComponent(schoolId)}/classes`;

/** A school's classes of a school year (the current one when omitted). */
export function getClasses(schoolId: string, schoolYear?: string): Promise<ClassList> {
  return request(`${classesPath(schoolId)}${schoolYear ? `?schoolYear=${encodeURIComponent(schoolYear)}` : ''}`, ClassList, { silent: true });
}

/** Replaces the year's classes. Sent as POST (the API's alias for PUT), which every mini-program platform supports. */
export function saveClasses(schoolId: string, body: PutClassesRequest): Promise<ClassList> {
  return request(classesPath(schoolId), ClassList, { method: 'POST', data: body, silent: true });
}

/** The classes a parent may bind to with this invite code. */
export function getBindClasses(inviteCode: string): Promise<BindClasses> {
  return request(`/v1/parents/classes?inviteCode=${encodeURIComponent(inviteCode)}`, BindClasses, { silent: true });
}
