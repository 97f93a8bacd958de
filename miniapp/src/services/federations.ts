import { FederationWithSchools } from '@lianyan/shared';
import { request } from './request';

/** A federation with its schools, for the host-school and audience pickers and school names. */
export function getFederation(id: string): Promise<FederationWithSchools> {
  return request(`/v1/federations/${encodeURIComponent(id)}`, FederationWithSchools, { silent: true });
}
