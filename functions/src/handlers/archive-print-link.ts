import { PrintLinkQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ARCHIVE_READERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'getArchivePrintLink', access: ARCHIVE_READERS, query: PrintLinkQuery }, ({ auth, query, event }) =>
  services.archive.printLink(auth, query, requestOrigin(event)),
);
