import { IdParams, ListExchangesQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/exchanges';
import { FileReply } from '#lib/http';

// 交流教师名单 of a semester with its quota; `format=xlsx|csv` sends it as a file.
export const handler = route(
  { name: 'listExchanges', access: ['federationAdmin', 'organizer', 'districtAdmin', 'schoolAdmin'], params: IdParams, query: ListExchangesQuery },
  async ({ auth, params, query }) => {
    const result = await services.exchanges.list(auth, params.id, query);
    if (!('file' in result && result.file)) return result.body;
    // The list names the teachers with their schools, subjects and titles: an export of their personal data.
    await accessTrail.record(auth, 'exchange_export', { federationId: params.id }, query.format);
    return FileReply.of(result.file);
  },
);
