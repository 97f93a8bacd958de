// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableReadJwt (infra/serverless/function-groups.cjs): 19 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as me } from '#handlers/me';
import { handler as getDeletion } from '#handlers/deletion-get';
import { handler as listInvites } from '#handlers/invites-list';
import { handler as listFederations } from '#handlers/federations-list';
import { handler as getFederation } from '#handlers/federations-get';
import { handler as getSchool } from '#handlers/schools-get';
import { handler as listGroups } from '#handlers/groups-list';
import { handler as getGroup } from '#handlers/groups-get';
import { handler as listObservationScales } from '#handlers/observation-scales-list';
import { handler as listObservations } from '#handlers/observations-list';
import { handler as getObservation } from '#handlers/observations-get';
import { handler as listObservableTeachers } from '#handlers/observation-teachers';
import { handler as getSetupStatus } from '#handlers/setup-status';
import { handler as listMySessions } from '#handlers/sessions-mine';
import { handler as listSessions } from '#handlers/sessions-list';
import { handler as getSession } from '#handlers/sessions-get';
import { handler as listEvaluations } from '#handlers/evaluations-list';
import { handler as listSchoolClasses } from '#handlers/classes-list';
import { handler as listBindClasses } from '#handlers/bind-classes';

export const handler = dispatch(
  {
    'GET /v1/me': me,
    'GET /v1/me/deletion': getDeletion,
    'GET /v1/invites': listInvites,
    'GET /v1/federations': listFederations,
    'GET /v1/federations/{id}': getFederation,
    'GET /v1/schools/{id}': getSchool,
    'GET /v1/federations/{id}/groups': listGroups,
    'GET /v1/groups/{id}': getGroup,
    'GET /v1/federations/{id}/observation-scales': listObservationScales,
    'GET /v1/observations': listObservations,
    'GET /v1/observations/{id}': getObservation,
    'GET /v1/schools/{id}/observation-teachers': listObservableTeachers,
    'GET /v1/setup-status': getSetupStatus,
    'GET /v1/me/sessions': listMySessions,
    'GET /v1/sessions': listSessions,
    'GET /v1/sessions/{id}': getSession,
    'GET /v1/sessions/{id}/evaluations': listEvaluations,
    'GET /v1/schools/{id}/classes': listSchoolClasses,
    'GET /v1/parents/classes': listBindClasses,
  },
  notFound,
);
