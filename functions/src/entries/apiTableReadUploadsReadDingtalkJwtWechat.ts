// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableReadUploadsReadDingtalkJwtWechat (infra/serverless/function-groups.cjs): 3 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as listCampaigns } from '#handlers/campaigns-list';
import { handler as getCampaignProgress } from '#handlers/campaigns-progress';
import { handler as getCampaignFeed } from '#handlers/campaigns-feed';

export const handler = dispatch(
  {
    'GET /v1/campaigns': listCampaigns,
    'GET /v1/campaigns/{id}/progress': getCampaignProgress,
    'GET /v1/campaigns/{id}/feed': getCampaignFeed,
  },
  notFound,
);
