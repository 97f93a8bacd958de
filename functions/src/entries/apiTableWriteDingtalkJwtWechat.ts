// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableWriteDingtalkJwtWechat (infra/serverless/function-groups.cjs): 14 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as removeChild } from '#handlers/children-remove';
import { handler as removeChildByPost } from '#handlers/children-remove';
import { handler as createObservation } from '#handlers/observations-create';
import { handler as updateSession } from '#handlers/sessions-update';
import { handler as createEvaluation } from '#handlers/evaluations-create';
import { handler as updateSessionByPost } from '#handlers/sessions-update';
import { handler as bindParent } from '#handlers/parents-bind';
import { handler as listFamilySessions } from '#handlers/family-sessions';
import { handler as createRegistration } from '#handlers/registrations-create';
import { handler as listRegistrations } from '#handlers/registrations-list';
import { handler as getMyRegistration } from '#handlers/registrations-mine';
import { handler as cancelRegistration } from '#handlers/registrations-cancel';
import { handler as cancelRegistrationByPost } from '#handlers/registrations-cancel';
import { handler as getParentSchoolReport } from '#handlers/parent-school-report';

export const handler = dispatch(
  {
    'DELETE /v1/me/children/{id}': removeChild,
    'POST /v1/me/children/{id}/remove': removeChildByPost,
    'POST /v1/observations': createObservation,
    'PATCH /v1/sessions/{id}': updateSession,
    'POST /v1/sessions/{id}/evaluations': createEvaluation,
    'POST /v1/sessions/{id}': updateSessionByPost,
    'POST /v1/parents/bind': bindParent,
    'GET /v1/family/sessions': listFamilySessions,
    'POST /v1/sessions/{id}/registrations': createRegistration,
    'GET /v1/sessions/{id}/registrations': listRegistrations,
    'GET /v1/sessions/{id}/registrations/me': getMyRegistration,
    'DELETE /v1/sessions/{id}/registrations/me': cancelRegistration,
    'POST /v1/sessions/{id}/registrations/me': cancelRegistrationByPost,
    'GET /v1/schools/{id}/parent-school': getParentSchoolReport,
  },
  notFound,
);
