import { IdParams, RecordsStatusQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { MANAGERS } from '#lib/access';

/** 活动档案情况: a semester's sessions of the federation and what their records lack. */
export const handler = route(
  { name: 'getRecordsStatus', access: MANAGERS, params: IdParams, query: RecordsStatusQuery },
  ({ auth, params, query }) => services.recordsStatus.get(auth, params.id, query),
);
