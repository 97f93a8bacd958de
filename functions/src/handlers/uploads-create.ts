import { CreateUploadRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ATTENDEES, MANAGERS } from '#lib/access';
import { created, requestOrigin } from '#lib/http';

export const handler = route(
  { name: 'createUpload', access: [...ATTENDEES, ...MANAGERS], body: CreateUploadRequest },
  async ({ auth, body, event }) => created(await services.uploads.issue(auth, body, requestOrigin(event))),
);
