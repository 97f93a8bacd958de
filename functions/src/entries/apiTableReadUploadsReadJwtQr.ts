// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableReadUploadsReadJwtQr (infra/serverless/function-groups.cjs): 7 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as getArchiveSummary } from '#handlers/archive-summary';
import { handler as listArchiveReviews } from '#handlers/archive-reviews-list';
import { handler as getArchivePrintLink } from '#handlers/archive-print-link';
import { handler as printArchive } from '#handlers/archive-print';
import { handler as getBriefing } from '#handlers/briefing-get';
import { handler as getBriefingLink } from '#handlers/briefing-link';
import { handler as viewBriefing } from '#handlers/briefing-view';

export const handler = dispatch(
  {
    'GET /v1/archive/summary': getArchiveSummary,
    'GET /v1/schools/{id}/archive-reviews': listArchiveReviews,
    'GET /v1/archive/print-link': getArchivePrintLink,
    'GET /v1/archive/print': printArchive,
    'GET /v1/sessions/{id}/briefing': getBriefing,
    'GET /v1/sessions/{id}/briefing-link': getBriefingLink,
    'GET /v1/briefings/view': viewBriefing,
  },
  notFound,
);
