// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableWriteUploadsReadJwtQr (infra/serverless/function-groups.cjs): 3 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as getArchive } from '#handlers/archive-list';
import { handler as getArchiveObservations } from '#handlers/archive-observations';
import { handler as getSchoolArchive } from '#handlers/school-archive';

export const handler = dispatch(
  {
    'GET /v1/archive': getArchive,
    'GET /v1/archive/observations': getArchiveObservations,
    'GET /v1/schools/{id}/archive': getSchoolArchive,
  },
  notFound,
);
