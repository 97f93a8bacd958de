// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableReadUploadsReadJwt (infra/serverless/function-groups.cjs): 9 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as getImportTemplate } from '#handlers/imports-template';
import { handler as listSessionFiles } from '#handlers/session-files-list';
import { handler as listReflections } from '#handlers/reflections-list';
import { handler as getMyReflection } from '#handlers/reflections-mine';
import { handler as getRecordsStatus } from '#handlers/records-status';
import { handler as listMyPendingReflections } from '#handlers/reflections-pending';
import { handler as listMentorPairs } from '#handlers/mentor-pairs-list';
import { handler as getMentorPair } from '#handlers/mentor-pairs-get';
import { handler as listMyMentorPairs } from '#handlers/mentor-pairs-mine';

export const handler = dispatch(
  {
    'GET /v1/imports/template': getImportTemplate,
    'GET /v1/sessions/{id}/files': listSessionFiles,
    'GET /v1/sessions/{id}/reflections': listReflections,
    'GET /v1/sessions/{id}/reflections/me': getMyReflection,
    'GET /v1/federations/{id}/records-status': getRecordsStatus,
    'GET /v1/me/reflections': listMyPendingReflections,
    'GET /v1/schools/{id}/mentor-pairs': listMentorPairs,
    'GET /v1/mentor-pairs/{id}': getMentorPair,
    'GET /v1/me/mentor-pairs': listMyMentorPairs,
  },
  notFound,
);
