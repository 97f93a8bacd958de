// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableReadJwtQr (infra/serverless/function-groups.cjs): 4 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as getSessionQr } from '#handlers/sessions-qr';
import { handler as getDisplayLink } from '#handlers/sessions-display-link';
import { handler as getDisplay } from '#handlers/display-get';
import { handler as getSessionLanding } from '#handlers/sessions-landing';

export const handler = dispatch(
  {
    'GET /v1/sessions/{id}/qr': getSessionQr,
    'GET /v1/sessions/{id}/display-link': getDisplayLink,
    'GET /v1/display/{id}': getDisplay,
    'GET /v1/sessions/{id}/landing': getSessionLanding,
  },
  notFound,
);
