import { EvaluationList, SessionEvaluation, type Evaluation } from '@lianyan/shared';
import { request } from './request';

const path = (sessionId: string) => `/v1/sessions/${encodeURIComponent(sessionId)}/evaluations`;

/** The teaching teacher and managers get everyone's; an observer only their own. */
export function listEvaluations(sessionId: string): Promise<EvaluationList> {
  return request(path(sessionId), EvaluationList, { silent: true });
}

/** Creates or replaces my evaluation of a lesson. */
export function submitEvaluation(sessionId: string, body: Evaluation): Promise<SessionEvaluation> {
  return request(path(sessionId), SessionEvaluation, { method: 'POST', data: body, silent: true });
}
