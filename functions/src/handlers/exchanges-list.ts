import { IdParams, ListExchangesQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/exchanges';
import { FileReply } from '#lib/http';

// 交流教师名单 of a semester with its quota; `format=xlsx|csv` sends it as a file.
export const handler = route(
  { name: 'listExchanges', access: ['federationAdmin', 'organizer', 'districtAdmin', 'schoolAdmin'], params: IdParams, query: ListExchangesQuery },
  async ({ auth, params, query }) => {
    const result = await services.exchanges.list(auth, params.id, query);
    return 'file' in result && result.file ? FileReply.of(result.file) : result.body;
  },
);
