import {
  MentorLog,
  MentorPair,
  MentorPairDetail,
  MentorPairList,
  MyMentorPairs,
  type CreateMentorLogRequest,
  type CreateMentorPairRequest,
  type MentorEvaluationRequest,
} from '@lianyan/shared';
import { request } from './request';

// 师徒结对: the school's register, a pair with its logs, and my own pairs.

export function listMentorPairs(schoolId: string, schoolYear: string): Promise<MentorPairList> {
  return request(`/v1/schools/${encodeURIComponent(schoolId)}/mentor-pairs?schoolYear=${encodeURIComponent(schoolYear)}`, MentorPairList, { silent: true });
}

export function createMentorPair(schoolId: string, body: CreateMentorPairRequest): Promise<MentorPair> {
  return request(`/v1/schools/${encodeURIComponent(schoolId)}/mentor-pairs`, MentorPair, { method: 'POST', data: body, silent: true });
}

export function getMentorPair(id: string): Promise<MentorPairDetail> {
  return request(`/v1/mentor-pairs/${encodeURIComponent(id)}`, MentorPairDetail, { silent: true });
}

export function addMentorLog(id: string, body: CreateMentorLogRequest): Promise<MentorLog> {
  return request(`/v1/mentor-pairs/${encodeURIComponent(id)}/logs`, MentorLog, { method: 'POST', data: body, silent: true });
}

export function evaluateMentorPair(id: string, body: MentorEvaluationRequest): Promise<MentorPair> {
  return request(`/v1/mentor-pairs/${encodeURIComponent(id)}/evaluation`, MentorPair, { method: 'POST', data: body, silent: true });
}

export function listMyMentorPairs(): Promise<MyMentorPairs> {
  return request('/v1/me/mentor-pairs', MyMentorPairs, { silent: true });
}
