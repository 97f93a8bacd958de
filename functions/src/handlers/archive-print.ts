import { PrintQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { HtmlReply, requestOrigin } from '#lib/http';
import { renderArchivePage } from '#services/archive-print';

/** The printable archive: opened from a signed link, no login (the link names one person and one period). */
export const handler = route({ name: 'printArchive', access: 'public', query: PrintQuery }, async ({ query, event }) =>
  new HtmlReply(renderArchivePage(await services.archive.printable(query.t, requestOrigin(event)))),
);
