import { ExchangeAssessmentRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/exchanges';
import { created } from '#lib/http';

// 考核问效: the host school's admin, once the exchange has ended.
export const handler = route(
  { name: 'assessExchange', access: ['schoolAdmin'], params: IdParams, body: ExchangeAssessmentRequest },
  async ({ auth, params, body }) => created(await services.exchanges.assess(auth, params.id, body)),
);
