import { BriefingQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/briefing';
import { HtmlReply, requestOrigin } from '#lib/http';
import { renderBriefingPage } from '#services/briefing-print';

/** The shared briefing: opened from a signed link, no login; names and schools only, the published excerpts only. */
export const handler = route({ name: 'viewBriefing', access: 'public', query: BriefingQuery }, async ({ query, event }) =>
  new HtmlReply(renderBriefingPage(await services.briefing.shared(query.t, requestOrigin(event)))),
);
