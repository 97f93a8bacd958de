import { ArchiveEntryInput } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { Reply, requestOrigin } from '#lib/http';

/** 201 with the new entry; the same content sent again answers 200 with the entry already filed. */
export const handler = route({ name: 'createArchiveEntry', access: ['teacher'], body: ArchiveEntryInput }, async ({ auth, body, event }) => {
  const { entry, created } = await services.archive.create(auth, body, requestOrigin(event));
  return new Reply(created ? 201 : 200, entry);
});
