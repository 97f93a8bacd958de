import {
  Federation,
  School,
  type CreateFederationRequest,
  type CreateSchoolRequest,
  type UpdateSchoolRequest,
} from '@lianyan/shared';
import { request } from './request';

export function createFederation(body: CreateFederationRequest): Promise<Federation> {
  return request('/v1/federations', Federation, { method: 'POST', data: body, silent: true });
}

export function createSchool(federationId: string, body: CreateSchoolRequest): Promise<School> {
  return request(`/v1/federations/${encodeURIComponent(federationId)}/schools`, School, { method: 'POST', data: body, silent: true });
}

/** Sent as POST (the API's alias for PATCH), which every mini-program platform supports. */
export function updateSchool(schoolId: string, body: UpdateSchoolRequest): Promise<School> {
  return request(`/v1/schools/${encodeURIComponent(schoolId)}`, School, { method: 'POST', data: body, silent: true });
}

/** Cancels the school's move pending from the next school year (POST: the API's alias for DELETE …/pending-move). */
export function cancelSchoolMove(schoolId: string): Promise<School> {
  return request(`/v1/schools/${encodeURIComponent(schoolId)}/pending-move/cancel`, School, { method: 'POST', silent: true });
}
