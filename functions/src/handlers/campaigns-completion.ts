import { CompletionQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/campaigns';
import { MANAGERS } from '#lib/access';
import { FileReply } from '#lib/http';
import { completionFile } from '#services/campaigns-export';

export const handler = route({ name: 'getCampaignCompletion', access: MANAGERS, params: IdParams, query: CompletionQuery }, async ({ auth, params, query }) => {
  const completion = await services.campaigns.completion(auth, params.id, query);
  if (query.format === 'xlsx') {
    const file = completionFile(completion);
    await accessTrail.record(auth, 'campaign_export', { campaignId: params.id }, query.format);
    return FileReply.of(file);
  }
  return completion;
});
