import { SessionFileParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { MANAGERS } from '#lib/access';

export const handler = route({ name: 'removeSessionFile', access: MANAGERS, params: SessionFileParams }, ({ auth, params }) =>
  services.records.removeFile(auth, params.id, params.fileId),
);
