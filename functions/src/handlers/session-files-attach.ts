import { AttachSessionFilesRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { MANAGERS } from '#lib/access';
import { created, requestOrigin } from '#lib/http';

/** 201 with the attached files; an upload attached again answers with the file as first attached. */
export const handler = route(
  { name: 'attachSessionFiles', access: MANAGERS, params: IdParams, body: AttachSessionFilesRequest },
  async ({ auth, params, body, event }) => created(await services.records.attachFiles(auth, params.id, body, requestOrigin(event))),
);
