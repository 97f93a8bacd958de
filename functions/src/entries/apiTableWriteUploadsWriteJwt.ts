// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableWriteUploadsWriteJwt (infra/serverless/function-groups.cjs): 17 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as requestDeletion } from '#handlers/deletion-request';
import { handler as cancelDeletion } from '#handlers/deletion-cancel';
import { handler as cancelDeletionByPost } from '#handlers/deletion-cancel';
import { handler as attachSessionFiles } from '#handlers/session-files-attach';
import { handler as removeSessionFile } from '#handlers/session-files-remove';
import { handler as removeSessionFileByPost } from '#handlers/session-files-remove';
import { handler as requestReflections } from '#handlers/reflections-request';
import { handler as requestReflectionsByPost } from '#handlers/reflections-request';
import { handler as saveMyReflection } from '#handlers/reflections-save';
import { handler as saveMyReflectionByPost } from '#handlers/reflections-save';
import { handler as publishReflectionExcerpts } from '#handlers/reflections-excerpts';
import { handler as publishReflectionExcerptsByPost } from '#handlers/reflections-excerpts';
import { handler as setBriefingPhotos } from '#handlers/briefing-photos';
import { handler as setBriefingPhotosByPost } from '#handlers/briefing-photos';
import { handler as createMentorPair } from '#handlers/mentor-pairs-create';
import { handler as createMentorLog } from '#handlers/mentor-pairs-log';
import { handler as evaluateMentorPair } from '#handlers/mentor-pairs-evaluate';

export const handler = dispatch(
  {
    'POST /v1/me/deletion': requestDeletion,
    'DELETE /v1/me/deletion': cancelDeletion,
    'POST /v1/me/deletion/cancel': cancelDeletionByPost,
    'POST /v1/sessions/{id}/files': attachSessionFiles,
    'DELETE /v1/sessions/{id}/files/{fileId}': removeSessionFile,
    'POST /v1/sessions/{id}/files/{fileId}/delete': removeSessionFileByPost,
    'PUT /v1/sessions/{id}/reflection-request': requestReflections,
    'POST /v1/sessions/{id}/reflection-request': requestReflectionsByPost,
    'PUT /v1/sessions/{id}/reflections/me': saveMyReflection,
    'POST /v1/sessions/{id}/reflections/me': saveMyReflectionByPost,
    'PUT /v1/sessions/{id}/reflections/excerpts': publishReflectionExcerpts,
    'POST /v1/sessions/{id}/reflections/excerpts': publishReflectionExcerptsByPost,
    'PUT /v1/sessions/{id}/briefing-photos': setBriefingPhotos,
    'POST /v1/sessions/{id}/briefing-photos': setBriefingPhotosByPost,
    'POST /v1/schools/{id}/mentor-pairs': createMentorPair,
    'POST /v1/mentor-pairs/{id}/logs': createMentorLog,
    'POST /v1/mentor-pairs/{id}/evaluation': evaluateMentorPair,
  },
  notFound,
);
