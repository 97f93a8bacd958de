// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableWriteJwt (infra/serverless/function-groups.cjs): 47 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as authRefresh } from '#handlers/auth-refresh';
import { handler as updateMe } from '#handlers/update-me';
import { handler as recordConsent } from '#handlers/consents-create';
import { handler as createInvite } from '#handlers/invites-create';
import { handler as redeemInvite } from '#handlers/invites-redeem';
import { handler as createFederation } from '#handlers/federations-create';
import { handler as updateFederation } from '#handlers/federations-update';
import { handler as updateFederationByPost } from '#handlers/federations-update';
import { handler as createSchool } from '#handlers/schools-create';
import { handler as updateSchool } from '#handlers/schools-update';
import { handler as updateSchoolByPost } from '#handlers/schools-update';
import { handler as cancelSchoolMove } from '#handlers/schools-move-cancel';
import { handler as cancelSchoolMoveByPost } from '#handlers/schools-move-cancel';
import { handler as listPeople } from '#handlers/people-list';
import { handler as createPerson } from '#handlers/people-create';
import { handler as updatePerson } from '#handlers/people-update';
import { handler as updatePersonByPost } from '#handlers/people-update';
import { handler as leaveSchool } from '#handlers/people-leave';
import { handler as createGroup } from '#handlers/groups-create';
import { handler as updateGroup } from '#handlers/groups-update';
import { handler as updateGroupByPost } from '#handlers/groups-update';
import { handler as createObservationScale } from '#handlers/observation-scales-create';
import { handler as updateObservationScale } from '#handlers/observation-scales-update';
import { handler as updateObservationScaleByPost } from '#handlers/observation-scales-update';
import { handler as acknowledgeObservation } from '#handlers/observations-acknowledge';
import { handler as getObservationCoverage } from '#handlers/observation-coverage';
import { handler as getFederationObservationCoverage } from '#handlers/observation-coverage-federation';
import { handler as createSession } from '#handlers/sessions-create';
import { handler as publishSession } from '#handlers/sessions-publish';
import { handler as cancelSession } from '#handlers/sessions-cancel';
import { handler as closeSession } from '#handlers/sessions-close';
import { handler as updateMeByPost } from '#handlers/update-me';
import { handler as updateFederationRules } from '#handlers/federations-rules-update';
import { handler as updateFederationRulesByPost } from '#handlers/federations-rules-update';
import { handler as saveSchoolClasses } from '#handlers/classes-save';
import { handler as saveSchoolClassesByPost } from '#handlers/classes-save';
import { handler as getSchoolReport } from '#handlers/reports-school';
import { handler as getFederationReport } from '#handlers/reports-federation';
import { handler as getDistrictReport } from '#handlers/reports-district';
import { handler as listExchanges } from '#handlers/exchanges-list';
import { handler as createExchange } from '#handlers/exchanges-create';
import { handler as updateExchange } from '#handlers/exchanges-update';
import { handler as deleteExchange } from '#handlers/exchanges-delete';
import { handler as updateExchangeByPost } from '#handlers/exchanges-update';
import { handler as deleteExchangeByPost } from '#handlers/exchanges-delete';
import { handler as assessExchange } from '#handlers/exchanges-assess';
import { handler as listAccessTrail } from '#handlers/access-trail-list';

export const handler = dispatch(
  {
    'POST /v1/auth/refresh': authRefresh,
    'PATCH /v1/me': updateMe,
    'POST /v1/me/consents': recordConsent,
    'POST /v1/invites': createInvite,
    'POST /v1/invites/redeem': redeemInvite,
    'POST /v1/federations': createFederation,
    'PATCH /v1/federations/{id}': updateFederation,
    'POST /v1/federations/{id}': updateFederationByPost,
    'POST /v1/federations/{id}/schools': createSchool,
    'PATCH /v1/schools/{id}': updateSchool,
    'POST /v1/schools/{id}': updateSchoolByPost,
    'DELETE /v1/schools/{id}/pending-move': cancelSchoolMove,
    'POST /v1/schools/{id}/pending-move/cancel': cancelSchoolMoveByPost,
    'GET /v1/schools/{id}/people': listPeople,
    'POST /v1/schools/{id}/people': createPerson,
    'PATCH /v1/people/{id}': updatePerson,
    'POST /v1/people/{id}': updatePersonByPost,
    'POST /v1/people/{id}/leave': leaveSchool,
    'POST /v1/federations/{id}/groups': createGroup,
    'PATCH /v1/groups/{id}': updateGroup,
    'POST /v1/groups/{id}': updateGroupByPost,
    'POST /v1/federations/{id}/observation-scales': createObservationScale,
    'PATCH /v1/observation-scales/{id}': updateObservationScale,
    'POST /v1/observation-scales/{id}': updateObservationScaleByPost,
    'POST /v1/observations/{id}/acknowledgement': acknowledgeObservation,
    'GET /v1/schools/{id}/observation-coverage': getObservationCoverage,
    'GET /v1/federations/{id}/observation-coverage': getFederationObservationCoverage,
    'POST /v1/sessions': createSession,
    'POST /v1/sessions/{id}/publish': publishSession,
    'POST /v1/sessions/{id}/cancel': cancelSession,
    'POST /v1/sessions/{id}/close': closeSession,
    'POST /v1/me': updateMeByPost,
    'PUT /v1/federations/{id}/rules': updateFederationRules,
    'POST /v1/federations/{id}/rules': updateFederationRulesByPost,
    'PUT /v1/schools/{id}/classes': saveSchoolClasses,
    'POST /v1/schools/{id}/classes': saveSchoolClassesByPost,
    'GET /v1/reports/schools/{id}': getSchoolReport,
    'GET /v1/reports/federations/{id}': getFederationReport,
    'GET /v1/reports/district': getDistrictReport,
    'GET /v1/federations/{id}/exchanges': listExchanges,
    'POST /v1/federations/{id}/exchanges': createExchange,
    'PATCH /v1/exchanges/{id}': updateExchange,
    'DELETE /v1/exchanges/{id}': deleteExchange,
    'POST /v1/exchanges/{id}': updateExchangeByPost,
    'POST /v1/exchanges/{id}/delete': deleteExchangeByPost,
    'POST /v1/exchanges/{id}/assessment': assessExchange,
    'GET /v1/access-trail': listAccessTrail,
  },
  notFound,
);
