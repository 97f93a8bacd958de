// Written by `npm run entries` (infra/src/build/entries.ts) from functions/routes.json: do not edit.
// The Lambda function apiTableWriteJwtQr (infra/serverless/function-groups.cjs): 4 routes with the same access.
import { dispatch } from '#lib/dispatch';
import { handler as notFound } from '#handlers/not-found';
import { handler as signOut } from '#handlers/sign-outs-create';
import { handler as getAttendance } from '#handlers/attendance-list';
import { handler as markAttendance } from '#handlers/attendance-mark';
import { handler as markAttendanceByPost } from '#handlers/attendance-mark';

export const handler = dispatch(
  {
    'POST /v1/sessions/{id}/sign-outs': signOut,
    'GET /v1/sessions/{id}/attendance': getAttendance,
    'PUT /v1/sessions/{id}/attendance/{userId}': markAttendance,
    'POST /v1/sessions/{id}/attendance/{userId}': markAttendanceByPost,
  },
  notFound,
);
