import { FederationList, FederationRules, FederationWithSchools, type UpdateRulesRequest } from '@lianyan/shared';
import { request } from './request';

/** A federation with its schools, for the host-school and audience pickers and school names. */
export function getFederation(id: string): Promise<FederationWithSchools> {
  return request(`/v1/federations/${encodeURIComponent(id)}`, FederationWithSchools, { silent: true });
}

/** The caller's federations with their schools (a district admin's: all). */
export function listFederations(): Promise<FederationList> {
  return request('/v1/federations', FederationList, { silent: true });
}

/** 学期指标: a change to the federation's rules (POST, as every mini-program platform sends it); the rules now. */
export function updateRules(id: string, body: UpdateRulesRequest): Promise<FederationRules> {
  return request(`/v1/federations/${encodeURIComponent(id)}/rules`, FederationRules, { method: 'POST', data: body, silent: true });
}
