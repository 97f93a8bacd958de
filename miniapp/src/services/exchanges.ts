import { Exchange, ExchangeList, type CreateExchangeRequest, type ExchangeAssessmentRequest, type UpdateExchangeRequest } from '@lianyan/shared';
import * as z from 'zod/mini';
import { downloadExport } from '../platform/download';
import { request } from './request';

/** 交流教师名单 of a semester with the quota (federation admins and organizers: all; a school admin: their school's). */
export function listExchanges(federationId: string, semester: string): Promise<ExchangeList> {
  return request(`/v1/federations/${encodeURIComponent(federationId)}/exchanges?semester=${encodeURIComponent(semester)}`, ExchangeList, { silent: true });
}

export function createExchange(federationId: string, body: CreateExchangeRequest): Promise<Exchange> {
  return request(`/v1/federations/${encodeURIComponent(federationId)}/exchanges`, Exchange, { method: 'POST', data: body, silent: true });
}

/** PATCH as POST /v1/exchanges/{id}, which every mini-program platform supports. */
export function updateExchange(id: string, body: UpdateExchangeRequest): Promise<Exchange> {
  return request(`/v1/exchanges/${encodeURIComponent(id)}`, Exchange, { method: 'POST', data: body, silent: true });
}

/** DELETE as POST …/delete, which every mini-program platform supports. */
export async function deleteExchange(id: string): Promise<void> {
  await request(`/v1/exchanges/${encodeURIComponent(id)}/delete`, z.unknown(), { method: 'POST', silent: true });
}

export function assessExchange(id: string, body: ExchangeAssessmentRequest): Promise<Exchange> {
  return request(`/v1/exchanges/${encodeURIComponent(id)}/assessment`, Exchange, { method: 'POST', data: body, silent: true });
}

/** 导出名单: the semester's list as Excel, with the login. */
export function exportExchanges(federationId: string, semester: string, name: string): Promise<void> {
  return downloadExport(`/v1/federations/${encodeURIComponent(federationId)}/exchanges?semester=${encodeURIComponent(semester)}&format=xlsx`, 'xlsx', name);
}
