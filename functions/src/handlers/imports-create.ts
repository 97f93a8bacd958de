import { CreateImportRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/imports';
import { ADMINS } from '#lib/access';
import { created } from '#lib/http';

// A preview of an uploaded roster file: every row checked and matched by phone, nothing written to the roster yet.
export const handler = route({ name: 'createImport', access: ADMINS, body: CreateImportRequest }, async ({ auth, body }) =>
  created(await services.imports.preview(auth, body)),
);
