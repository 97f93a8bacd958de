// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableWriteUploadsWriteDingtalkJwtWechat (infra/serverless/function-groups.cjs): 2 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as createCampaign } from '#handlers/campaigns-create';
import { handler as createCheckIn } from '#handlers/check-ins-create';

export const handler = dispatch(
  {
    'POST /v1/campaigns': createCampaign,
    'POST /v1/campaigns/{id}/check-ins': createCheckIn,
  },
  notFound,
);
