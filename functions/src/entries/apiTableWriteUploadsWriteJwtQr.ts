// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableWriteUploadsWriteJwtQr (infra/serverless/function-groups.cjs): 8 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as createArchiveEntry } from '#handlers/archive-entries-create';
import { handler as updateArchiveEntry } from '#handlers/archive-entries-update';
import { handler as updateArchiveEntryByPost } from '#handlers/archive-entries-update';
import { handler as deleteArchiveEntry } from '#handlers/archive-entries-delete';
import { handler as deleteArchiveEntryByPost } from '#handlers/archive-entries-delete';
import { handler as reviewArchiveEntry } from '#handlers/archive-entries-review';
import { handler as createUpload } from '#handlers/uploads-create';
import { handler as getRecordBundle } from '#handlers/record-bundle';

export const handler = dispatch(
  {
    'POST /v1/archive/entries': createArchiveEntry,
    'PATCH /v1/archive/entries/{id}': updateArchiveEntry,
    'POST /v1/archive/entries/{id}': updateArchiveEntryByPost,
    'DELETE /v1/archive/entries/{id}': deleteArchiveEntry,
    'POST /v1/archive/entries/{id}/delete': deleteArchiveEntryByPost,
    'POST /v1/archive/entries/{id}/review': reviewArchiveEntry,
    'POST /v1/uploads': createUpload,
    'GET /v1/sessions/{id}/record-bundle': getRecordBundle,
  },
  notFound,
);
