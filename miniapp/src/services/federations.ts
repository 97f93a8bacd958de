import { FederationList, FederationWithSchools } from '@lianyan/shared';
import { request } from './request';

/** A federation with its schools, for the host-school and audience pickers and school names. */
export function getFederation(id: string): Promise<FederationWithSchools> {
  return request(`/v1/federations/${encodeURIComponent(id)}`, FederationWithSchools, { silent: true });
}

/** The caller's federations with their schools (a district admin's: all). */
export function listFederations(): Promise<FederationList> {
  return request('/v1/federations', FederationList, { silent: true });
}
